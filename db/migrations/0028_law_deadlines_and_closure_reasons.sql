CREATE TABLE "organization_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"agenda_deadline_weekdays" integer DEFAULT 4 NOT NULL,
	"material_deadline_weekdays" integer DEFAULT 3 NOT NULL,
	"closure_reasons" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_settings_deadline_range" CHECK ("organization_settings"."agenda_deadline_weekdays" BETWEEN 1 AND 30 AND "organization_settings"."material_deadline_weekdays" BETWEEN 1 AND 30)
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "closed_reason_code" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "closed_reason_label" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "closed_reason_text" text;--> statement-breakpoint
ALTER TABLE "agenda_releases" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agenda_releases" ADD COLUMN "late_reason" text;--> statement-breakpoint
ALTER TABLE "organization_settings" ADD CONSTRAINT "organization_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;