CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "search_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audience" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"organization_id" uuid,
	"meeting_id" uuid,
	"paper_id" uuid,
	"day" date,
	"year" integer,
	"title" text NOT NULL,
	"lead" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"neutral_title" text,
	"tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('danish'::regconfig, title), 'A') || setweight(to_tsvector('danish'::regconfig, lead), 'B') || setweight(to_tsvector('danish'::regconfig, body), 'C')) STORED NOT NULL,
	"neutral_tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('danish'::regconfig, neutral_title), 'A')) STORED,
	"is_closed" boolean DEFAULT false NOT NULL,
	"disqualified_person_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"is_draft" boolean DEFAULT false NOT NULL,
	"is_unreleased_minutes" boolean DEFAULT false NOT NULL,
	"is_unreleased_item" boolean DEFAULT false NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_documents_entity" UNIQUE("audience","entity_type","entity_id")
);
--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_documents_neutral_tsv_idx" ON "search_documents" USING gin ("neutral_tsv") WHERE "search_documents"."neutral_title" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "search_documents_name_trgm_idx" ON "search_documents" USING gin ("title" gin_trgm_ops) WHERE "search_documents"."entity_type" IN ('person', 'organization');--> statement-breakpoint
CREATE INDEX "search_documents_meeting_idx" ON "search_documents" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "search_documents_paper_idx" ON "search_documents" USING btree ("paper_id");--> statement-breakpoint
-- Search index maintenance. Views derive each kind of document from its source tables; the
-- refresh functions replace an entity's rows from them; row triggers on every source table call
-- those functions, so the index changes in the same transaction as the write, whichever code
-- path (service, importer, demo loader, psql) made it. search_reindex() rebuilds everything.
CREATE FUNCTION search_plain(html text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT replace(replace(replace(replace(replace(replace(
    regexp_replace(coalesce(html, ''), '<[^>]*>', ' ', 'g'),
    '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&')
$$;
--> statement-breakpoint
-- Bodies are clipped so that no text exceeds what a tsvector may hold (1 MB of lexemes).
CREATE FUNCTION search_clip(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT left(coalesce(value, ''), 200000)
$$;
--> statement-breakpoint
CREATE FUNCTION search_local_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (at AT TIME ZONE 'Europe/Copenhagen')::date
$$;
--> statement-breakpoint
-- What limits who may read an item: closed (itself, its parent, or as released), inhabil
-- members (now or as released), added or edited after the release, minutes not yet released.
CREATE VIEW search_item_facts AS
SELECT
  i.id AS item_id,
  m.organization_id,
  search_local_day(m.starts_at) AS day,
  (NOT i.is_public
    OR coalesce(NOT parent.is_public, false)
    OR coalesce((released.item->>'isPublic')::boolean = false, false)) AS is_closed,
  coalesce(
    CASE WHEN NOT i.is_public THEN i.public_title END,
    CASE WHEN NOT parent.is_public THEN parent.public_title END,
    released.item->>'publicTitle',
    i.public_title
  ) AS neutral_title,
  ARRAY(
    SELECT d.person_id FROM agenda_item_disqualifications d WHERE d.agenda_item_id = i.id
    UNION
    SELECT value::uuid FROM jsonb_array_elements_text(
      coalesce(released.item->'disqualifiedPersonIds', '[]'::jsonb))
  ) AS disqualified_person_ids,
  -- Added or edited since the release: members see it only with the next release.
  (m.status IN ('agenda_released', 'in_progress') AND release.snapshot IS NOT NULL
    AND (released.item IS NULL
      OR released.item->>'title' IS DISTINCT FROM i.title
      OR released.item->>'purpose' IS DISTINCT FROM i.purpose
      OR released.item->>'method' IS DISTINCT FROM i.method
      OR released.item->>'note' IS DISTINCT FROM i.note
      OR released.item->'responsible' IS DISTINCT FROM to_jsonb(i.responsible))) AS is_unreleased_item,
  m.status NOT IN ('minutes_released', 'minutes_approved') AS is_unreleased_minutes
FROM agenda_items i
JOIN meetings m ON m.id = i.meeting_id
LEFT JOIN agenda_items parent ON parent.id = i.parent_id
LEFT JOIN LATERAL (
  SELECT r.snapshot FROM agenda_releases r
  WHERE r.meeting_id = i.meeting_id ORDER BY r.version DESC LIMIT 1
) release ON true
LEFT JOIN LATERAL (
  SELECT e AS item FROM jsonb_array_elements(release.snapshot->'items') e
  WHERE e->>'id' = i.id::text LIMIT 1
) released ON true;
--> statement-breakpoint
CREATE VIEW search_item_source AS
SELECT
  'internal'::text AS audience, 'item'::text AS entity_type, i.id AS entity_id,
  f.organization_id, i.meeting_id, i.paper_id, f.day,
  extract(year FROM f.day)::integer AS year,
  i.title,
  search_clip(i.purpose) AS lead,
  search_clip(concat_ws(E'\n', i.method, i.note, array_to_string(i.responsible, ', '),
    (SELECT string_agg(a.title, E'\n' ORDER BY a.position)
     FROM agenda_item_attachments a WHERE a.agenda_item_id = i.id))) AS body,
  CASE WHEN f.is_closed THEN coalesce(f.neutral_title, 'Lukket punkt') END AS neutral_title,
  f.is_closed, f.disqualified_person_ids,
  false AS is_draft, false AS is_unreleased_minutes, f.is_unreleased_item
FROM agenda_items i
JOIN search_item_facts f ON f.item_id = i.id;
--> statement-breakpoint
CREATE VIEW search_minutes_source AS
SELECT
  'internal'::text AS audience, 'minutes'::text AS entity_type, i.id AS entity_id,
  f.organization_id, i.meeting_id, i.paper_id, f.day,
  extract(year FROM f.day)::integer AS year,
  i.title,
  search_clip(i.decision) AS lead,
  search_clip(concat_ws(E'\n', search_plain(i.minutes_text),
    (SELECT string_agg(a.text, E'\n' ORDER BY a.created_at)
     FROM minutes_addenda a WHERE a.agenda_item_id = i.id))) AS body,
  NULL::text AS neutral_title,
  f.is_closed, f.disqualified_person_ids,
  false AS is_draft, f.is_unreleased_minutes, f.is_unreleased_item
FROM agenda_items i
JOIN search_item_facts f ON f.item_id = i.id
WHERE coalesce(i.minutes_text, '') <> '' OR coalesce(i.decision, '') <> ''
  OR EXISTS (SELECT 1 FROM minutes_addenda a WHERE a.agenda_item_id = i.id);
--> statement-breakpoint
-- A memo and its bilag are as closed as any item that treats them (stricter than the memo's
-- own page, on purpose), and drafts until released.
CREATE VIEW search_paper_facts AS
SELECT
  p.id AS paper_id, p.organization_id, p.paper_date AS day,
  p.status NOT IN ('approved', 'on_agenda', 'treated') AS is_draft,
  EXISTS (
    SELECT 1 FROM agenda_items i LEFT JOIN agenda_items parent ON parent.id = i.parent_id
    WHERE i.paper_id = p.id AND (NOT i.is_public OR NOT coalesce(parent.is_public, true))
  ) AS is_closed,
  ARRAY(
    SELECT DISTINCT d.person_id FROM agenda_items i
    JOIN agenda_item_disqualifications d ON d.agenda_item_id = i.id
    WHERE i.paper_id = p.id
  ) AS disqualified_person_ids,
  (SELECT i.meeting_id FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
   WHERE i.paper_id = p.id ORDER BY m.starts_at DESC LIMIT 1) AS meeting_id
FROM papers p;
--> statement-breakpoint
CREATE VIEW search_paper_source AS
SELECT
  'internal'::text AS audience, 'paper'::text AS entity_type, p.id AS entity_id,
  f.organization_id, f.meeting_id, p.id AS paper_id, f.day,
  extract(year FROM f.day)::integer AS year,
  p.title,
  search_clip(concat_ws(E'\n', p.cover_purpose, array_to_string(p.cover_key_messages, E'\n'),
    p.cover_implications)) AS lead,
  search_clip(concat_ws(E'\n', p.case_number, array_to_string(p.case_officers, ', '),
    (SELECT string_agg(s.heading || E'\n' || search_plain(s.html), E'\n' ORDER BY s.position)
     FROM paper_sections s WHERE s.paper_id = p.id))) AS body,
  NULL::text AS neutral_title,
  f.is_closed, f.disqualified_person_ids, f.is_draft,
  false AS is_unreleased_minutes, false AS is_unreleased_item
FROM papers p
JOIN search_paper_facts f ON f.paper_id = p.id;
--> statement-breakpoint
CREATE VIEW search_attachment_source AS
SELECT
  'internal'::text AS audience, 'attachment'::text AS entity_type, a.id AS entity_id,
  f.organization_id, f.meeting_id, a.paper_id, f.day,
  extract(year FROM f.day)::integer AS year,
  a.title,
  ''::text AS lead,
  search_clip(concat_ws(E'\n', a.file_name, sf.extracted_text)) AS body,
  NULL::text AS neutral_title,
  f.is_closed, f.disqualified_person_ids, f.is_draft,
  false AS is_unreleased_minutes, false AS is_unreleased_item
FROM paper_attachments a
JOIN search_paper_facts f ON f.paper_id = a.paper_id
LEFT JOIN stored_files sf ON sf.sha256 = a.file_sha256;
--> statement-breakpoint
CREATE VIEW search_meeting_source AS
SELECT
  'internal'::text AS audience, 'meeting'::text AS entity_type, m.id AS entity_id,
  m.organization_id, m.id AS meeting_id, NULL::uuid AS paper_id,
  search_local_day(m.starts_at) AS day,
  extract(year FROM search_local_day(m.starts_at))::integer AS year,
  m.title,
  ''::text AS lead,
  search_clip(concat_ws(E'\n', m.case_number, l.description)) AS body,
  NULL::text AS neutral_title,
  false AS is_closed, '{}'::uuid[] AS disqualified_person_ids, false AS is_draft,
  false AS is_unreleased_minutes, false AS is_unreleased_item
FROM meetings m
LEFT JOIN locations l ON l.id = m.location_id;
--> statement-breakpoint
CREATE VIEW search_person_source AS
SELECT
  'internal'::text AS audience, 'person'::text AS entity_type, p.id AS entity_id,
  NULL::uuid AS organization_id, NULL::uuid AS meeting_id, NULL::uuid AS paper_id,
  NULL::date AS day, NULL::integer AS year,
  p.name AS title, ''::text AS lead, coalesce(p.title, '') AS body,
  NULL::text AS neutral_title,
  false AS is_closed, '{}'::uuid[] AS disqualified_person_ids, false AS is_draft,
  false AS is_unreleased_minutes, false AS is_unreleased_item
FROM persons p;
--> statement-breakpoint
CREATE VIEW search_organization_source AS
SELECT
  'internal'::text AS audience, 'organization'::text AS entity_type, o.id AS entity_id,
  o.id AS organization_id, NULL::uuid AS meeting_id, NULL::uuid AS paper_id,
  NULL::date AS day, NULL::integer AS year,
  o.name AS title, ''::text AS lead, coalesce(o.short_name, '') AS body,
  NULL::text AS neutral_title,
  false AS is_closed, '{}'::uuid[] AS disqualified_person_ids, false AS is_draft,
  false AS is_unreleased_minutes, false AS is_unreleased_item
FROM organizations o;
--> statement-breakpoint
-- The public sees one publication per meeting: the minutes when published, else the agenda.
CREATE VIEW search_publication_facts AS
SELECT
  e.meeting_id, e.snapshot,
  (e.snapshot->'organization'->>'id')::uuid AS organization_id,
  search_local_day((e.snapshot->>'start')::timestamptz) AS day
FROM (
  SELECT DISTINCT ON (mp.meeting_id) mp.meeting_id, mp.snapshot
  FROM meeting_publications mp
  WHERE mp.withdrawn_at IS NULL
  ORDER BY mp.meeting_id, (mp.kind = 'minutes') DESC
) e;
--> statement-breakpoint
CREATE VIEW search_public_source AS
SELECT
  'public'::text AS audience, 'meeting'::text AS entity_type, f.meeting_id AS entity_id,
  f.organization_id, f.meeting_id, NULL::uuid AS paper_id, f.day,
  extract(year FROM f.day)::integer AS year,
  coalesce(f.snapshot->>'title', '') AS title,
  ''::text AS lead,
  search_clip(concat_ws(E'\n', f.snapshot->>'location', f.snapshot->'organization'->>'name')) AS body,
  NULL::text AS neutral_title,
  false AS is_closed, '{}'::uuid[] AS disqualified_person_ids, false AS is_draft,
  false AS is_unreleased_minutes, false AS is_unreleased_item
FROM search_publication_facts f
UNION ALL
SELECT
  'public'::text, 'item'::text, (it->>'id')::uuid,
  f.organization_id, f.meeting_id, (it->'paper'->>'id')::uuid, f.day,
  extract(year FROM f.day)::integer,
  coalesce(it->>'title', ''),
  search_clip(concat_ws(E'\n', it->>'purpose', it->>'decision')),
  search_clip(concat_ws(E'\n', it->>'method', search_plain(it->>'minutes'),
    (SELECT string_agg(r, ', ') FROM jsonb_array_elements_text(
      coalesce(it->'responsible', '[]'::jsonb)) r),
    it->'paper'->>'title',
    (SELECT string_agg(concat_ws(E'\n', s->>'heading', search_plain(s->>'html')), E'\n')
     FROM jsonb_array_elements(coalesce(it->'paper'->'sections', '[]'::jsonb)) s),
    (SELECT string_agg(concat_ws(E'\n', at->>'title', sf.extracted_text), E'\n')
     FROM jsonb_array_elements(coalesce(it->'attachments', '[]'::jsonb)) at
     LEFT JOIN stored_files sf ON sf.sha256 = at->>'sha256'))),
  NULL::text,
  -- Only to link a closed item to its meeting: the snapshot holds nothing but its neutral title.
  coalesce(NOT (it->>'isPublic')::boolean, false), '{}'::uuid[], false, false, false
FROM search_publication_facts f
CROSS JOIN LATERAL jsonb_array_elements(coalesce(f.snapshot->'items', '[]'::jsonb)) it;
--> statement-breakpoint
CREATE FUNCTION search_refresh_items(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_documents
  WHERE audience = 'internal' AND entity_type IN ('item', 'minutes') AND entity_id = ANY(ids);
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item)
  SELECT * FROM search_item_source WHERE entity_id = ANY(ids)
  UNION ALL
  SELECT * FROM search_minutes_source WHERE entity_id = ANY(ids);
END $$;
--> statement-breakpoint
CREATE FUNCTION search_refresh_attachments(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_documents
  WHERE audience = 'internal' AND entity_type = 'attachment' AND entity_id = ANY(ids);
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item)
  SELECT * FROM search_attachment_source WHERE entity_id = ANY(ids);
END $$;
--> statement-breakpoint
-- with_attachments: the paper's access attributes changed, so its bilag rows change too.
CREATE FUNCTION search_refresh_papers(ids uuid[], with_attachments boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_documents
  WHERE audience = 'internal' AND entity_type = 'paper' AND entity_id = ANY(ids);
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item)
  SELECT * FROM search_paper_source WHERE entity_id = ANY(ids);
  IF with_attachments THEN
    PERFORM search_refresh_attachments(ARRAY(
      SELECT a.id FROM paper_attachments a WHERE a.paper_id = ANY(ids)
      UNION
      SELECT d.entity_id FROM search_documents d
      WHERE d.entity_type = 'attachment' AND d.paper_id = ANY(ids)));
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION search_refresh_meeting(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_documents
  WHERE audience = 'internal' AND entity_type = 'meeting' AND entity_id = target;
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item)
  SELECT * FROM search_meeting_source s WHERE s.entity_id = target;
  PERFORM search_refresh_items(ARRAY(SELECT i.id FROM agenda_items i WHERE i.meeting_id = target));
END $$;
--> statement-breakpoint
CREATE FUNCTION search_refresh_publication(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_documents WHERE audience = 'public' AND meeting_id = target;
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item)
  SELECT * FROM search_public_source s WHERE s.meeting_id = target;
END $$;
--> statement-breakpoint
CREATE FUNCTION search_refresh_names(kind text, target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_documents
  WHERE audience = 'internal' AND entity_type = kind AND entity_id = target;
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item)
  SELECT * FROM search_person_source s WHERE kind = 'person' AND s.entity_id = target
  UNION ALL
  SELECT * FROM search_organization_source s WHERE kind = 'organization' AND s.entity_id = target;
END $$;
--> statement-breakpoint
/** Rebuilds the whole index from the sources (after bulk loads with triggers off). */
CREATE FUNCTION search_reindex() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_documents;
  INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
    paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
    is_draft, is_unreleased_minutes, is_unreleased_item)
  SELECT * FROM search_meeting_source
  UNION ALL SELECT * FROM search_item_source
  UNION ALL SELECT * FROM search_minutes_source
  UNION ALL SELECT * FROM search_paper_source
  UNION ALL SELECT * FROM search_attachment_source
  UNION ALL SELECT * FROM search_person_source
  UNION ALL SELECT * FROM search_organization_source
  UNION ALL SELECT * FROM search_public_source;
END $$;
--> statement-breakpoint
CREATE FUNCTION search_on_agenda_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM search_refresh_items(ARRAY[OLD.id]);
    IF OLD.paper_id IS NOT NULL THEN
      PERFORM search_refresh_papers(ARRAY[OLD.paper_id], true);
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
  ELSIF NEW.paper_id IS DISTINCT FROM OLD.paper_id OR NEW.is_public <> OLD.is_public
    OR NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.meeting_id <> OLD.meeting_id THEN
    PERFORM search_refresh_papers(ARRAY(
      SELECT x FROM unnest(ARRAY[OLD.paper_id, NEW.paper_id]) x WHERE x IS NOT NULL
      UNION
      SELECT c.paper_id FROM agenda_items c WHERE c.parent_id = NEW.id AND c.paper_id IS NOT NULL
    ), true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_agenda_items AFTER INSERT OR UPDATE OR DELETE ON agenda_items
FOR EACH ROW EXECUTE FUNCTION search_on_agenda_item();
--> statement-breakpoint
-- Rows that belong to an item (bilag titles, inhabilitet, addenda). TG_ARGV[0] = 'paper' when
-- the item's memo depends on them too.
CREATE FUNCTION search_on_item_part() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  ids := ARRAY(
    SELECT DISTINCT x::uuid FROM unnest(ARRAY[
      CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD)->>'agenda_item_id' END,
      CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW)->>'agenda_item_id' END]) x
    WHERE x IS NOT NULL);
  PERFORM search_refresh_items(ids);
  IF TG_NARGS > 0 AND TG_ARGV[0] = 'paper' THEN
    PERFORM search_refresh_papers(ARRAY(
      SELECT i.paper_id FROM agenda_items i WHERE i.id = ANY(ids) AND i.paper_id IS NOT NULL), true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_agenda_item_attachments
AFTER INSERT OR UPDATE OR DELETE ON agenda_item_attachments
FOR EACH ROW EXECUTE FUNCTION search_on_item_part();
--> statement-breakpoint
CREATE TRIGGER search_agenda_item_disqualifications
AFTER INSERT OR UPDATE OR DELETE ON agenda_item_disqualifications
FOR EACH ROW EXECUTE FUNCTION search_on_item_part('paper');
--> statement-breakpoint
CREATE TRIGGER search_minutes_addenda AFTER INSERT OR UPDATE OR DELETE ON minutes_addenda
FOR EACH ROW EXECUTE FUNCTION search_on_item_part();
--> statement-breakpoint
CREATE FUNCTION search_on_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_documents
    WHERE audience = 'internal' AND entity_type = 'meeting' AND entity_id = OLD.id;
  ELSE
    PERFORM search_refresh_meeting(NEW.id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_meetings AFTER INSERT OR UPDATE OR DELETE ON meetings
FOR EACH ROW EXECUTE FUNCTION search_on_meeting();
--> statement-breakpoint
CREATE FUNCTION search_on_agenda_release() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_items(ARRAY(
    SELECT i.id FROM agenda_items i
    WHERE i.meeting_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.meeting_id ELSE NEW.meeting_id END));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_agenda_releases AFTER INSERT OR UPDATE OR DELETE ON agenda_releases
FOR EACH ROW EXECUTE FUNCTION search_on_agenda_release();
--> statement-breakpoint
CREATE FUNCTION search_on_paper() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_documents
    WHERE audience = 'internal' AND entity_type IN ('paper', 'attachment') AND paper_id = OLD.id;
  ELSE
    PERFORM search_refresh_papers(ARRAY[NEW.id],
      TG_OP = 'UPDATE' AND (NEW.status <> OLD.status
        OR NEW.organization_id <> OLD.organization_id OR NEW.paper_date <> OLD.paper_date));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_papers AFTER INSERT OR UPDATE OR DELETE ON papers
FOR EACH ROW EXECUTE FUNCTION search_on_paper();
--> statement-breakpoint
CREATE FUNCTION search_on_paper_section() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_papers(ARRAY(
    SELECT DISTINCT x FROM unnest(ARRAY[
      CASE WHEN TG_OP <> 'INSERT' THEN OLD.paper_id END,
      CASE WHEN TG_OP <> 'DELETE' THEN NEW.paper_id END]) x
    WHERE x IS NOT NULL), false);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_paper_sections AFTER INSERT OR UPDATE OR DELETE ON paper_sections
FOR EACH ROW EXECUTE FUNCTION search_on_paper_section();
--> statement-breakpoint
CREATE FUNCTION search_on_paper_attachment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_attachments(ARRAY[
    CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_paper_attachments AFTER INSERT OR UPDATE OR DELETE ON paper_attachments
FOR EACH ROW EXECUTE FUNCTION search_on_paper_attachment();
--> statement-breakpoint
CREATE FUNCTION search_on_stored_file() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_attachments(ARRAY(
    SELECT a.id FROM paper_attachments a WHERE a.file_sha256 = NEW.sha256));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_stored_files AFTER UPDATE OF extracted_text ON stored_files
FOR EACH ROW EXECUTE FUNCTION search_on_stored_file();
--> statement-breakpoint
CREATE FUNCTION search_on_publication() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_publication(
    CASE WHEN TG_OP = 'DELETE' THEN OLD.meeting_id ELSE NEW.meeting_id END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_meeting_publications
AFTER INSERT OR UPDATE OR DELETE ON meeting_publications
FOR EACH ROW EXECUTE FUNCTION search_on_publication();
--> statement-breakpoint
CREATE FUNCTION search_on_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh_names(TG_ARGV[0],
    CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_persons AFTER INSERT OR UPDATE OR DELETE ON persons
FOR EACH ROW EXECUTE FUNCTION search_on_name('person');
--> statement-breakpoint
CREATE TRIGGER search_organizations AFTER INSERT OR UPDATE OR DELETE ON organizations
FOR EACH ROW EXECUTE FUNCTION search_on_name('organization');
--> statement-breakpoint
SELECT search_reindex();
