CREATE TABLE "import_source_keys" (
	"source_system" text NOT NULL,
	"source_key" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_source_keys_key" UNIQUE("source_system","source_key","entity_type")
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "source_number" text;--> statement-breakpoint
CREATE INDEX "import_source_keys_entity_idx" ON "import_source_keys" USING btree ("entity_type","entity_id");