CREATE TABLE "paper_rules" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"cover_max_words" integer NOT NULL,
	"key_message_max_words" integer NOT NULL,
	"cover_required" boolean NOT NULL,
	"case_number_pattern" text NOT NULL,
	"case_number_example" text NOT NULL,
	"submission_deadline_working_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "paper_rules" ADD CONSTRAINT "paper_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;