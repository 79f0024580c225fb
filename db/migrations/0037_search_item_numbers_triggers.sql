-- "punkt 4" finds item 4: each item's row carries its number as the agenda prints it, and a bilag
-- uploaded straight to an item is a document of its own (title, file name, text), as closed as
-- its item. Numbers are derived from the places of all the meeting's items, so a write that moves,
-- adds or removes one renumbers the others' rows (only those whose number changed).
CREATE FUNCTION search_sub_item_letter(n integer) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  rest integer := n;
  letters text := '';
BEGIN
  -- A, B, …, Z, AA, AB, … from 0, as subItemLetter in time-plan.ts.
  LOOP
    letters := chr(65 + rest % 26) || letters;
    rest := rest / 26 - 1;
    EXIT WHEN rest < 0;
  END LOOP;
  RETURN letters;
END $$;
--> statement-breakpoint
-- As planAgenda (time-plan.ts) numbers them: an imported number, else a top-level item's place
-- and a sub-item's parent number with its letter ("4.a"); lower-case, as the query parser reads it.
CREATE FUNCTION search_item_numbers_in(meetings uuid[])
RETURNS TABLE (item_id uuid, item_number text) LANGUAGE sql STABLE AS $$
  WITH top AS (
    SELECT i.id, coalesce(nullif(i.source_number, ''),
      (row_number() OVER (PARTITION BY i.meeting_id ORDER BY i.position, i.id))::text) AS number
    FROM agenda_items i
    WHERE i.meeting_id = ANY(meetings) AND i.parent_id IS NULL
  )
  SELECT t.id, lower(t.number) FROM top t
  UNION ALL
  SELECT c.id, lower(coalesce(nullif(c.source_number, ''), t.number || '.' || search_sub_item_letter(
    (row_number() OVER (PARTITION BY c.parent_id ORDER BY c.position, c.id))::integer - 1)))
  FROM agenda_items c JOIN top t ON t.id = c.parent_id
  WHERE c.meeting_id = ANY(meetings)
$$;
--> statement-breakpoint
CREATE VIEW search_item_attachment_source AS
SELECT
  'internal'::text AS audience, 'attachment'::text AS entity_type, a.id AS entity_id,
  f.organization_id, i.meeting_id, NULL::uuid AS paper_id, f.day,
  extract(year FROM f.day)::integer AS year,
  a.title,
  ''::text AS lead,
  search_clip(concat_ws(E'\n', a.file_name, sf.extracted_text)) AS body,
  NULL::text AS neutral_title,
  f.is_closed, f.disqualified_person_ids, false AS is_draft,
  false AS is_unreleased_minutes, f.is_unreleased_item,
  a.agenda_item_id
FROM agenda_item_attachments a
JOIN agenda_items i ON i.id = a.agenda_item_id
JOIN search_item_facts f ON f.item_id = a.agenda_item_id
LEFT JOIN stored_files sf ON sf.sha256 = a.file_sha256
-- A bilag listed by title only is found through its item, whose text holds the title.
WHERE a.file_sha256 IS NOT NULL;
--> statement-breakpoint
CREATE FUNCTION search_renumber_items(meetings uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE search_documents d SET item_number = n.item_number
  FROM search_item_numbers_in(meetings) n
  WHERE d.audience = 'internal' AND d.entity_type = 'item' AND d.entity_id = n.item_id
    AND d.item_number IS DISTINCT FROM n.item_number;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_refresh_items(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_documents
  WHERE audience = 'internal' AND entity_type IN ('item', 'minutes') AND entity_id = ANY(ids);
  DELETE FROM search_documents WHERE agenda_item_id = ANY(ids);
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item, item_number)
  SELECT s.*, n.item_number FROM search_item_source s
  LEFT JOIN search_item_numbers_in(ARRAY(
    SELECT DISTINCT i.meeting_id FROM agenda_items i WHERE i.id = ANY(ids))) n
    ON n.item_id = s.entity_id
  WHERE s.entity_id = ANY(ids)
  UNION ALL
  SELECT s.*, NULL FROM search_minutes_source s WHERE s.entity_id = ANY(ids);
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item, agenda_item_id)
  SELECT * FROM search_item_attachment_source s WHERE s.agenda_item_id = ANY(ids);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_reindex() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_documents;
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item)
  SELECT * FROM search_meeting_source
  UNION ALL SELECT * FROM search_minutes_source
  UNION ALL SELECT * FROM search_paper_source
  UNION ALL SELECT * FROM search_attachment_source
  UNION ALL SELECT * FROM search_person_source
  UNION ALL SELECT * FROM search_organization_source
  UNION ALL SELECT * FROM search_public_source;
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item, item_number)
  SELECT s.*, n.item_number FROM search_item_source s
  LEFT JOIN search_item_numbers_in(ARRAY(SELECT m.id FROM meetings m)) n ON n.item_id = s.entity_id;
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item, agenda_item_id)
  SELECT * FROM search_item_attachment_source;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_on_agenda_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM search_refresh_items(ARRAY[OLD.id]);
    IF OLD.paper_id IS NOT NULL THEN
      PERFORM search_refresh_papers(ARRAY[OLD.paper_id], true);
    END IF;
    -- Not while the meeting itself is deleted: every item would renumber the rest on its way out.
    IF EXISTS (SELECT 1 FROM meetings m WHERE m.id = OLD.meeting_id) THEN
      PERFORM search_renumber_items(ARRAY[OLD.meeting_id]);
    END IF;
    RETURN NULL;
  END IF;
  -- Sub-items follow their parent's closedness.
  PERFORM search_refresh_items(
    ARRAY[NEW.id] || ARRAY(SELECT c.id FROM agenda_items c WHERE c.parent_id = NEW.id));
  IF TG_OP = 'INSERT' THEN
    IF NEW.paper_id IS NOT NULL THEN
      PERFORM search_refresh_papers(ARRAY[NEW.paper_id], true);
    END IF;
    PERFORM search_renumber_items(ARRAY[NEW.meeting_id]);
    RETURN NULL;
  END IF;
  IF NEW.paper_id IS DISTINCT FROM OLD.paper_id OR NEW.is_public <> OLD.is_public
    OR NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.meeting_id <> OLD.meeting_id THEN
    PERFORM search_refresh_papers(ARRAY(
      SELECT x FROM unnest(ARRAY[OLD.paper_id, NEW.paper_id]) x WHERE x IS NOT NULL
      UNION
      SELECT c.paper_id FROM agenda_items c WHERE c.parent_id = NEW.id AND c.paper_id IS NOT NULL
    ), true);
  END IF;
  IF NEW.position <> OLD.position OR NEW.parent_id IS DISTINCT FROM OLD.parent_id
    OR NEW.meeting_id <> OLD.meeting_id OR NEW.source_number IS DISTINCT FROM OLD.source_number THEN
    PERFORM search_renumber_items(ARRAY[OLD.meeting_id, NEW.meeting_id]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_on_stored_file() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_attachments(ARRAY(
    SELECT a.id FROM paper_attachments a WHERE a.file_sha256 = NEW.sha256));
  PERFORM search_refresh_items(ARRAY(
    SELECT DISTINCT a.agenda_item_id FROM agenda_item_attachments a WHERE a.file_sha256 = NEW.sha256));
  RETURN NULL;
END $$;
