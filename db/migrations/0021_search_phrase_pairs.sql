-- Adjacent word pairs of a document ('hjælp kommun') from its tsvector's positions, and the pairs
-- of a phrase as a tsquery (NULL when its words are never adjacent, as around a stopword): the
-- index finds a phrase's documents by them, and only those are checked for the phrase itself.
CREATE FUNCTION search_word_pairs(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)), ''::tsvector)
  FROM (SELECT u.lexeme, p FROM unnest(v) u, unnest(u.positions) p) a
  JOIN (SELECT u.lexeme, p FROM unnest(v) u, unnest(u.positions) p) b ON b.p = a.p + 1
$$;--> statement-breakpoint
CREATE FUNCTION search_phrase_pairs(phrase text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(quote_literal(pair), ' & ')::tsquery
  FROM unnest(tsvector_to_array(search_word_pairs(to_tsvector('danish', phrase)))) pair
$$;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "pair_tsv" "tsvector" GENERATED ALWAYS AS (search_word_pairs(to_tsvector('danish'::regconfig, title) || to_tsvector('danish'::regconfig, lead) || to_tsvector('danish'::regconfig, body))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "search_documents_pairs_idx" ON "search_documents" USING gin ("pair_tsv");