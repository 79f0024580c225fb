CREATE TYPE "public"."publication_kind" AS ENUM('agenda', 'minutes');--> statement-breakpoint
CREATE TABLE "cpr_clearances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"digits" text NOT NULL,
	"cleared_by_user_id" uuid,
	"cleared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cpr_clearances_digits" UNIQUE("meeting_id","digits")
);
--> statement-breakpoint
CREATE TABLE "meeting_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" "publication_kind" NOT NULL,
	"snapshot" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_user_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_publications_kind" UNIQUE("meeting_id","kind")
);
--> statement-breakpoint
CREATE TABLE "publishing_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"publish_closed_decisions" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "publish_closed_decision" boolean;--> statement-breakpoint
ALTER TABLE "cpr_clearances" ADD CONSTRAINT "cpr_clearances_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_publications" ADD CONSTRAINT "meeting_publications_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publishing_settings" ADD CONSTRAINT "publishing_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;