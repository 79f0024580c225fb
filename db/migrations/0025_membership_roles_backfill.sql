-- Hand-written data backfill (issue 18), before 0026 turns memberships.role into an enum.
-- 1. The free-text roles the demo loader and the importers wrote become the six roles;
--    job titles (direktør, chef, sagsbehandler …) and anything unknown become 'member'.
UPDATE "memberships" SET "role" = CASE
  WHEN lower(btrim("role")) IN ('chair', 'formand', 'borgmester', 'rådmand', 'raadmand') THEN 'chair'
  WHEN lower(btrim("role")) IN ('vice_chair', 'næstformand', 'naestformand', '1. næstformand', 'viceborgmester') THEN 'vice_chair'
  WHEN lower(btrim("role")) IN ('substitute', 'stedfortræder', 'stedfortraeder', 'suppleant') THEN 'substitute'
  WHEN lower(btrim("role")) IN ('secretary', 'sekretær', 'sekretaer', 'referent', 'sekretariat') THEN 'secretary'
  WHEN lower(btrim("role")) IN ('observer', 'observatør', 'observatoer', 'tilforordnet') THEN 'observer'
  ELSE 'member'
END;--> statement-breakpoint
-- 2. A held meeting's attendance stops following the memberships (minutes/attendance.ts): the
--    members it shows today are written as rows, so later membership changes cannot alter it.
INSERT INTO "meeting_attendance" ("meeting_id", "person_id", "status", "item_ids")
SELECT DISTINCT m."id", ms."person_id", 'attending'::"attendance_status", '{}'::uuid[]
FROM "meetings" m
JOIN "memberships" ms ON ms."organization_id" = m."organization_id"
  AND ms."role" <> 'substitute'
  AND (ms."start_date" IS NULL OR ms."start_date" <= (m."starts_at" AT TIME ZONE 'Europe/Copenhagen')::date)
  AND (ms."end_date" IS NULL OR ms."end_date" >= (m."starts_at" AT TIME ZONE 'Europe/Copenhagen')::date)
WHERE m."status" IN ('held', 'minutes_released', 'minutes_approved')
ON CONFLICT ("meeting_id", "person_id") DO NOTHING;
