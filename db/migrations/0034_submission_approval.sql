ALTER TYPE "public"."submission_status" ADD VALUE 'awaiting_approval' BEFORE 'pending';--> statement-breakpoint
CREATE TABLE "submission_approval_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"is_required" boolean DEFAULT false NOT NULL,
	"approver_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "paper_submissions" ADD COLUMN "leader_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "paper_submissions" ADD COLUMN "leader_approved_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "submission_approval_settings" ADD CONSTRAINT "submission_approval_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;