CREATE TYPE "public"."package_audience" AS ENUM('full', 'public');--> statement-breakpoint
CREATE TYPE "public"."package_build_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "package_builds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"audience" "package_audience" NOT NULL,
	"status" "package_build_status" DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"file_sha256" text,
	"file_name" text,
	"page_count" integer,
	"error" text,
	"requested_by_label" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "package_builds" ADD CONSTRAINT "package_builds_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_builds" ADD CONSTRAINT "package_builds_file_sha256_stored_files_sha256_fk" FOREIGN KEY ("file_sha256") REFERENCES "public"."stored_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "package_builds_meeting_idx" ON "package_builds" USING btree ("meeting_id","audience","requested_at");--> statement-breakpoint
CREATE INDEX "package_builds_status_idx" ON "package_builds" USING btree ("status","requested_at");