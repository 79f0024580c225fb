ALTER TABLE "search_documents" ADD COLUMN "item_number" text;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "agenda_item_id" uuid;--> statement-breakpoint
CREATE INDEX "search_documents_item_number_idx" ON "search_documents" USING btree ("item_number") WHERE "search_documents"."item_number" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "search_documents_agenda_item_idx" ON "search_documents" USING btree ("agenda_item_id") WHERE "search_documents"."agenda_item_id" IS NOT NULL;