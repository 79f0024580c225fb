CREATE TYPE "public"."paper_addressee" AS ENUM('raadmanden', 'direktionen', 'udvalget');--> statement-breakpoint
CREATE TYPE "public"."paper_kind" AS ENUM('indstilling', 'notat', 'orientering', 'skriftlig_orientering');--> statement-breakpoint
CREATE TYPE "public"."paper_status" AS ENUM('draft', 'submitted', 'returned', 'approved', 'on_agenda', 'treated');--> statement-breakpoint
CREATE TYPE "public"."paper_requested_action" AS ENUM('beslutning', 'droeftelse', 'orientering');--> statement-breakpoint
CREATE TABLE "paper_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paper_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"heading" text NOT NULL,
	"html" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_sections_position" UNIQUE("paper_id","position")
);
--> statement-breakpoint
CREATE TABLE "paper_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"headings" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_templates_organization_id_unique" UNIQUE("organization_id")
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "paper_kind" DEFAULT 'indstilling' NOT NULL,
	"title" text NOT NULL,
	"status" "paper_status" DEFAULT 'draft' NOT NULL,
	"organization_id" uuid NOT NULL,
	"sender_unit_id" uuid,
	"addressee" "paper_addressee" DEFAULT 'raadmanden' NOT NULL,
	"paper_date" date NOT NULL,
	"case_number" text,
	"case_officers" text[] DEFAULT '{}'::text[] NOT NULL,
	"phone" text,
	"email" text,
	"cover_purpose" text,
	"cover_key_messages" text[] DEFAULT '{}'::text[] NOT NULL,
	"cover_implications" text,
	"cover_requested_action" "paper_requested_action",
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "paper_id" uuid;--> statement-breakpoint
ALTER TABLE "paper_sections" ADD CONSTRAINT "paper_sections_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_templates" ADD CONSTRAINT "paper_templates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_sender_unit_id_organizations_id_fk" FOREIGN KEY ("sender_unit_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "papers_organization_idx" ON "papers" USING btree ("organization_id");--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_paper_idx" ON "agenda_items" USING btree ("paper_id");