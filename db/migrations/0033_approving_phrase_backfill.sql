-- An organization's own phrase list that holds the standard approving phrase approves with it,
-- as the default list does (one phrase per organization: the first such line).
UPDATE "minutes_phrases" SET "approves_previous_minutes" = true
WHERE ("organization_id", "position") IN (
  SELECT DISTINCT ON ("organization_id") "organization_id", "position"
  FROM "minutes_phrases"
  WHERE lower(btrim("text")) IN ('referatet blev godkendt.', 'referatet blev godkendt')
  ORDER BY "organization_id", "position"
);
