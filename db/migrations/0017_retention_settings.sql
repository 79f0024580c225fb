CREATE TABLE "retention_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"draft_paper_months" integer,
	"departed_person_months" integer,
	"session_and_mail_days" integer DEFAULT 90,
	"audit_event_years" integer DEFAULT 10,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" uuid,
	"last_run_at" timestamp with time zone,
	"run_started_at" timestamp with time zone,
	CONSTRAINT "retention_settings_single_row" CHECK ("retention_settings"."id" = 1)
);
