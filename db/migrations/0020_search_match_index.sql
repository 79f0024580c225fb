DROP INDEX "search_documents_tsv_idx";--> statement-breakpoint
CREATE INDEX "search_documents_match_idx" ON "search_documents" USING gin ((ARRAY["organization_id"]),"tsv");--> statement-breakpoint
CREATE INDEX "search_documents_directory_tsv_idx" ON "search_documents" USING gin ("tsv") WHERE "search_documents"."entity_type" IN ('person', 'organization');