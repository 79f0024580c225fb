-- Backfill: standing items created before items had a kind get it from their title,
-- the same rule the services apply to new items (meetings/standing-items.ts).
UPDATE "agenda_items" SET "standing_kind" = 'agenda_approval'
  WHERE "standing_kind" IS NULL AND "title" ~* '^\s*(godkendelse af )?dagsorden(en)?\s*$';--> statement-breakpoint
UPDATE "agenda_items" SET "standing_kind" = 'minutes_approval'
  WHERE "standing_kind" IS NULL AND "title" ~* '^\s*(godkendelse af )?referat';--> statement-breakpoint
UPDATE "agenda_items" SET "standing_kind" = 'follow_ups'
  WHERE "standing_kind" IS NULL AND "title" ~* '^\s*opfølgning';--> statement-breakpoint
UPDATE "agenda_items" SET "standing_kind" = 'cases_to_council'
  WHERE "standing_kind" IS NULL AND "title" ~* 'sager på vej til byrådet';--> statement-breakpoint
UPDATE "meeting_template_items" SET "standing_kind" = 'agenda_approval'
  WHERE "standing_kind" IS NULL AND "title" ~* '^\s*(godkendelse af )?dagsorden(en)?\s*$';--> statement-breakpoint
UPDATE "meeting_template_items" SET "standing_kind" = 'minutes_approval'
  WHERE "standing_kind" IS NULL AND "title" ~* '^\s*(godkendelse af )?referat';--> statement-breakpoint
UPDATE "meeting_template_items" SET "standing_kind" = 'follow_ups'
  WHERE "standing_kind" IS NULL AND "title" ~* '^\s*opfølgning';--> statement-breakpoint
UPDATE "meeting_template_items" SET "standing_kind" = 'cases_to_council'
  WHERE "standing_kind" IS NULL AND "title" ~* 'sager på vej til byrådet';
