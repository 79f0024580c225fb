-- Item numbers and item bilag for what was indexed before 0037; the rest of the index stands.
SELECT search_renumber_items(ARRAY(SELECT m.id FROM meetings m));--> statement-breakpoint
INSERT INTO search_documents (audience, entity_type, entity_id, organization_id, meeting_id,
  paper_id, day, year, title, lead, body, neutral_title, is_closed, disqualified_person_ids,
  is_draft, is_unreleased_minutes, is_unreleased_item, agenda_item_id)
SELECT * FROM search_item_attachment_source;
