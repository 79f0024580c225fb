DROP INDEX "search_documents_tsv_idx";--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "sample_group" smallint GENERATED ALWAYS AS ((uuid_hash(id) & 15)::smallint) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "search_documents_match_idx" ON "search_documents" USING gin ((ARRAY["organization_id"]),(ARRAY["sample_group"]),"tsv");--> statement-breakpoint
CREATE INDEX "search_documents_day_idx" ON "search_documents" USING btree ("day" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "search_documents_title_tsv_idx" ON "search_documents" USING gin ("title_tsv");--> statement-breakpoint
CREATE INDEX "search_documents_directory_tsv_idx" ON "search_documents" USING gin ("tsv") WHERE "search_documents"."entity_type" IN ('person', 'organization');