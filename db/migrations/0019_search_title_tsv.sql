-- Out of line from 512 bytes on: the large text and tsv leave the heap, so counting and faceting
-- the matches of a common word reads a third of the pages (the small title_tsv stays in line).
ALTER TABLE "search_documents" SET (toast_tuple_target = 512);--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "title_tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('danish'::regconfig, title)) STORED NOT NULL;