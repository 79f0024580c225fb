CREATE TYPE "public"."submission_status" AS ENUM('pending', 'returned', 'approved');--> statement-breakpoint
CREATE TABLE "paper_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paper_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"status" "submission_status" DEFAULT 'pending' NOT NULL,
	"duration_minutes" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by_user_id" uuid,
	"deadline" timestamp with time zone NOT NULL,
	"is_late" boolean NOT NULL,
	"decision_comment" text,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"agenda_item_id" uuid
);
--> statement-breakpoint
ALTER TABLE "paper_submissions" ADD CONSTRAINT "paper_submissions_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_submissions" ADD CONSTRAINT "paper_submissions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_submissions" ADD CONSTRAINT "paper_submissions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "paper_submissions_meeting_idx" ON "paper_submissions" USING btree ("meeting_id","status");--> statement-breakpoint
CREATE INDEX "paper_submissions_paper_idx" ON "paper_submissions" USING btree ("paper_id");