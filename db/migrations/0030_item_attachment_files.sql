ALTER TABLE "agenda_item_attachments" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "agenda_item_attachments" ADD COLUMN "file_sha256" text;--> statement-breakpoint
ALTER TABLE "agenda_item_attachments" ADD CONSTRAINT "agenda_item_attachments_file_sha256_stored_files_sha256_fk" FOREIGN KEY ("file_sha256") REFERENCES "public"."stored_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_item_attachments_file_idx" ON "agenda_item_attachments" USING btree ("file_sha256");--> statement-breakpoint
ALTER TABLE "agenda_item_attachments" ADD CONSTRAINT "agenda_item_attachments_file_named" CHECK (("agenda_item_attachments"."file_name" IS NULL) = ("agenda_item_attachments"."file_sha256" IS NULL));--> statement-breakpoint
CREATE VIEW "public"."meeting_stored_files" AS (select "sha256", "media_type", "byte_size", "page_count" from "stored_files");