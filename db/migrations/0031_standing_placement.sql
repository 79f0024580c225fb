CREATE TYPE "public"."standing_placement" AS ENUM('opening', 'closing');--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "placement" "standing_placement";--> statement-breakpoint
ALTER TABLE "meeting_template_items" ADD COLUMN "placement" "standing_placement" DEFAULT 'opening' NOT NULL;--> statement-breakpoint
-- Backfill: "Evt." / "Eventuelt" closes the meeting, on templates and on the top level of
-- existing agendas, so items added to those meetings go before it. The same rule the services
-- apply to template items given without a placement (meetings/standing-items.ts). Other items
-- stay as they were: opening on templates, no placement on agendas.
UPDATE "meeting_template_items" SET "placement" = 'closing'
  WHERE "title" ~* '^\s*(evt\.?|eventuelt)\s*$';--> statement-breakpoint
UPDATE "agenda_items" SET "placement" = 'closing'
  WHERE "parent_id" IS NULL AND "title" ~* '^\s*(evt\.?|eventuelt)\s*$';
