/**
 * Search over a synthetic ten-year archive (about 5,000 meetings, 50,000 items, 50,000 memos and
 * 100,000 bilag texts at BENCH_SEARCH_SCALE=1), on PGlite and on PostgreSQL: p50 and p95 of 200
 * mixed queries through the real search service, as a committee member and as a secretary, each
 * against the bare full-text query (the same tsquery, no access filter, no facets, no snippets)
 * measured in the same run. Targets on PostgreSQL: p95 ≤ 150 ms and a ratio ≤ 1.5; the slower
 * actor is the result. BENCH_SEARCH_SLOWEST=n prints each actor's n slowest queries to stderr.
 *
 * The archive is generated in SQL (generate_series) from the seed's words, with the triggers off
 * and the index built afterwards by search_reindex(): the same views the triggers use, in bulk.
 * PGlite runs a fifth of it unless BENCH_SEARCH_PGLITE_SCALE says otherwise.
 * PostgreSQL runs when it answers at BENCH_POSTGRES_URL (default 127.0.0.1:5432), in a database
 * of its own that is dropped afterwards. BENCH_SEARCH_KEEP_DATABASE=name keeps it under that name
 * instead, and a later run with the same name measures it again without generating (about ten
 * minutes at full scale), after applying any new migrations: for trying out a change of the query.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { parseSearchQuery, search } from '../src/modules/search/index';
import { selectBareFullText } from '../src/modules/search/repository';
import { actorLabel, type Actor } from '../src/platform/auth/policy';
import { openPglite, openPostgres, type Database } from '../src/platform/db/client';
import { envNumber, printResult, printTable, round } from './shared';

const name = 'search';
const queryCount = 200;
const organizationCount = 10;
const sentencePool = 20_000;
const seedFile = new URL(
  '../../shared/seed/moedepakke-msb-raadmandsmoede-2023.txt',
  import.meta.url,
);

const committeeNames = [
  'Social- og Beskæftigelsesudvalget',
  'Teknisk Udvalg',
  'Børn og Unge-udvalget',
  'Kultur- og Borgerserviceudvalget',
  'Sundheds- og Omsorgsudvalget',
  'Klima- og Miljøudvalget',
  'Økonomiudvalget',
  'Erhvervsudvalget',
  'Skoleudvalget',
  'Ældreudvalget',
];
const firstNames = [
  'Jens',
  'Karen',
  'Mette',
  'Lars',
  'Anne',
  'Peter',
  'Hanne',
  'Søren',
  'Lone',
  'Niels',
];
const lastNames = [
  'Rasmussen',
  'Jørgensen',
  'Pedersen',
  'Kristensen',
  'Mikkelsen',
  'Østergaard',
  'Holm',
  'Brøndum',
  'Thomsen',
  'Schmidt',
];

/** A small seeded PRNG (mulberry32), so every run asks the same 200 queries. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed's words, most frequent first, so generated text has a natural skew. */
async function seedWords(): Promise<string[]> {
  const text = (await readFile(seedFile, 'utf8')).toLocaleLowerCase('da');
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/\p{L}{3,}/gu)) {
    counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([word]) => word);
}

const id = (kind: number, n: string) =>
  `('00000000-0000-4000-${8000 + kind}-' || lpad((${n})::text, 12, '0'))::uuid`;

/** The archive, generated in SQL; every statement runs on one connection with triggers off. */
function generationStatements(words: readonly string[], scale: number): string[] {
  const meetings = Math.max(10, Math.round(5000 * scale));
  const files = meetings * 10 * 2;
  const list = (values: readonly string[]) =>
    `ARRAY[${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(',')}]`;
  return [
    `SET session_replication_role = replica`,
    `SELECT setseed(0.42)`,
    `CREATE TEMP TABLE bench_words AS SELECT ${list(words)} AS words`,
    // A pool of sentences, words drawn with a power-law skew (common ones often, rare ones
    // seldom); texts are then strung together from sentences, which is fast enough for millions.
    `CREATE FUNCTION pg_temp.bench_sentence() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
       DECLARE
         pool text[] := (SELECT words FROM bench_words);
         picked text[] := '{}';
       BEGIN
         FOR i IN 1..8 LOOP
           picked := picked || pool[1 + floor(${words.length} * power(random(), 1.8))::int];
         END LOOP;
         RETURN array_to_string(picked, ' ');
       END $$`,
    `CREATE TEMP TABLE bench_sentences AS
     SELECT i AS id, pg_temp.bench_sentence() AS text FROM generate_series(1, ${sentencePool}) i`,
    `CREATE UNIQUE INDEX ON bench_sentences (id)`,
    `ANALYZE bench_sentences`,
    // About k words: k / 8 sentences.
    // PL/pgSQL, as it keeps its plan (an SQL function's body is planned again on every call).
    `CREATE FUNCTION pg_temp.bench_text(k integer) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
       DECLARE result text;
       BEGIN
         SELECT string_agg(b.text, ' ') INTO result
         FROM (SELECT 1 + floor(random() * ${sentencePool})::int AS pick
               FROM generate_series(1, greatest(1, k / 8))) r
         JOIN bench_sentences b ON b.id = r.pick;
         RETURN result;
       END $$`,
    `INSERT INTO bodies (id, name) VALUES (${id(0, '1')}, 'Benchkommune')`,
    `INSERT INTO organizations (id, body_id, name, classification)
     SELECT ${id(1, 'i')}, ${id(0, '1')}, (${list(committeeNames)})[i], 'udvalg'
     FROM generate_series(1, ${organizationCount}) i`,
    `INSERT INTO persons (id, name)
     SELECT ${id(2, 'i')}, (${list(firstNames)})[1 + i % 10] || ' ' || (${list(lastNames)})[1 + (i / 10) % 10] || ' ' || i
     FROM generate_series(1, 500) i`,
    `INSERT INTO memberships (person_id, organization_id, role)
     SELECT ${id(2, 'i')}, ${id(1, `1 + i % ${organizationCount}`)}, 'medlem' FROM generate_series(1, 500) i`,
    `INSERT INTO meetings (id, organization_id, title, starts_at, ends_at, status)
     SELECT ${id(3, 'i')}, ${id(1, `1 + i % ${organizationCount}`)},
       'Møde i ' || (${list(committeeNames)})[1 + i % ${organizationCount}],
       timestamptz '2016-01-04 16:00+01' + (i * interval '${Math.round((3650 * 24 * 60) / meetings)} minutes'),
       timestamptz '2016-01-04 18:00+01' + (i * interval '${Math.round((3650 * 24 * 60) / meetings)} minutes'),
       CASE WHEN i % 100 = 0 THEN 'planned' ELSE 'minutes_approved' END::meeting_status
     FROM generate_series(1, ${meetings}) i`,
    `INSERT INTO papers (id, kind, title, status, organization_id, paper_date, cover_purpose, cover_key_messages)
     SELECT ${id(4, 'n')}, 'indstilling', initcap(pg_temp.bench_text(6)),
       CASE WHEN n % 50 = 0 THEN 'draft' ELSE 'treated' END::paper_status,
       ${id(1, `1 + ((n - 1) / 10 + 1) % ${organizationCount}`)},
       date '2016-01-01' + ((n - 1) / 10) * 3650 / ${meetings},
       pg_temp.bench_text(30), ARRAY[pg_temp.bench_text(12), pg_temp.bench_text(12)]
     FROM generate_series(1, ${meetings * 10}) n`,
    `INSERT INTO paper_sections (paper_id, position, heading, html)
     SELECT ${id(4, 'n')}, s, (ARRAY['Sagsfremstilling', 'Økonomi'])[s], '<p>' || pg_temp.bench_text(80) || '</p>'
     FROM generate_series(1, ${meetings * 10}) n, generate_series(1, 2) s`,
    `INSERT INTO stored_files (sha256, byte_size, media_type, extracted_text)
     SELECT md5(f::text) || md5((-f)::text), 1000, 'application/pdf', pg_temp.bench_text(150)
     FROM generate_series(1, ${files}) f`,
    `INSERT INTO paper_attachments (paper_id, position, title, file_name, file_sha256)
     SELECT ${id(4, 'n')}, k, 'Bilag ' || k || ': ' || pg_temp.bench_text(4), 'bilag-' || k || '.pdf',
       md5(((n - 1) * 2 + k)::text) || md5((-((n - 1) * 2 + k))::text)
     FROM generate_series(1, ${meetings * 10}) n, generate_series(1, 2) k`,
    `INSERT INTO agenda_items (id, meeting_id, position, title, duration_minutes, purpose, method,
       is_public, public_title, paper_id, minutes_text, decision)
     SELECT ${id(5, 'n')}, ${id(3, '(n - 1) / 10 + 1')}, (n - 1) % 10 + 1, initcap(pg_temp.bench_text(5)), 10,
       pg_temp.bench_text(25), pg_temp.bench_text(6),
       n % 20 <> 0, CASE WHEN n % 20 = 0 THEN 'Lukket punkt' END, ${id(4, 'n')},
       '<p>' || pg_temp.bench_text(40) || '</p>', pg_temp.bench_text(10)
     FROM generate_series(1, ${meetings * 10}) n`,
    `SET session_replication_role = origin`,
    `SELECT search_reindex()`,
  ];
}

type QueryCase = {
  kind: string;
  q: string;
  organization?: string;
  from?: string;
  to?: string;
  type?: 'paper' | 'item';
};

/** 200 mixed queries over the same words: single, AND, phrase, prefix, exclude, OR, names, filtered. */
function queryCases(words: readonly string[]): QueryCase[] {
  const random = prng(7);
  const pick = (from: number, to: number) =>
    words[Math.floor(from + random() * (Math.min(to, words.length) - from))]!;
  const any = () => pick(0, 400);
  const rare = () => pick(200, 1200);
  const longWord = () => {
    for (;;) {
      const word = pick(0, 600);
      if (word.length >= 9) return word;
    }
  };
  const person = () =>
    `${firstNames[Math.floor(random() * 10)]!} ${lastNames[Math.floor(random() * 10)]!}`;
  const typo = (text: string) => {
    const at = 1 + Math.floor(random() * (text.length - 2));
    return text.slice(0, at) + text.slice(at + 1);
  };
  const organization = () =>
    `00000000-0000-4000-8001-${String(1 + Math.floor(random() * 2)).padStart(12, '0')}`;
  const year = () => 2016 + Math.floor(random() * 10);
  const cases: QueryCase[] = [];
  const add = (count: number, make: () => QueryCase) => {
    for (let i = 0; i < count; i++) cases.push(make());
  };
  add(25, () => ({ kind: 'word', q: any() }));
  add(15, () => ({ kind: 'rare word', q: rare() }));
  add(30, () => ({ kind: 'words', q: `${any()} ${any()}` }));
  add(25, () => ({ kind: 'phrase', q: `"${pick(0, 60)} ${pick(0, 60)}"` }));
  add(25, () => ({ kind: 'prefix', q: longWord().slice(0, 6) }));
  add(20, () => ({ kind: 'exclude', q: `${any()} -${any()}` }));
  add(20, () => ({ kind: 'or', q: `${rare()} OR ${rare()}` }));
  add(20, () => ({ kind: 'name', q: typo(person()) }));
  add(20, () => {
    const y = year();
    const filters = [
      { organization: organization() },
      { from: `${y}-01-01`, to: `${y}-12-31` },
      { type: 'paper' as const },
    ];
    return { kind: 'filtered', q: any(), ...filters[Math.floor(random() * filters.length)]! };
  });
  return cases;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type EngineResult = {
  engine: string;
  actor: string;
  generateSeconds: number;
  documents: number;
  searchP50: number;
  searchP95: number;
  bareP50: number;
  bareP95: number;
  /** Total time of all queries, search over bare. */
  ratio: number;
  averageTotal: number;
};

async function measure(
  engine: string,
  database: Database,
  exec: (statement: string) => Promise<void>,
  words: readonly string[],
  scale: number,
  generate = true,
): Promise<EngineResult[]> {
  const started = performance.now();
  for (const statement of generate ? generationStatements(words, scale) : []) {
    const t0 = performance.now();
    await exec(statement);
    const seconds = (performance.now() - t0) / 1000;
    if (seconds > 1)
      process.stderr.write(
        `${engine}: ${seconds.toFixed(1)} s  ${statement.slice(0, 60).replace(/\s+/g, ' ')}\n`,
      );
  }
  await database.vacuumAnalyze();
  const generateSeconds = (performance.now() - started) / 1000;
  const counted: unknown = await database.db.execute(
    sql`SELECT count(*)::int AS n FROM search_documents`,
  );
  const documents = Number((counted as { rows: Array<{ n: number }> }).rows[0]!.n);

  const results: EngineResult[] = [];
  for (const [label, actor] of Object.entries(benchActors)) {
    results.push({
      engine,
      actor: label,
      generateSeconds,
      documents,
      ...(await timeQueries(database, actor, queryCases(words))),
    });
  }
  return results;
}

/**
 * Who searches: a participant of two of the ten organisations (a committee member), who sees a
 * fifth of the archive, and a secretary, who sees all of it, as the pages see them.
 */
const benchActors: Record<string, Actor> = {
  participant: {
    kind: 'user',
    userId: randomUUID(),
    email: 'deltager@bench.dk',
    name: 'Deltager',
    role: 'participant',
    personId: '00000000-0000-4000-8002-000000000001',
    organizationIds: [
      '00000000-0000-4000-8001-000000000001',
      '00000000-0000-4000-8001-000000000002',
    ],
  },
  secretary: {
    kind: 'user',
    userId: randomUUID(),
    email: 'sekretariat@bench.dk',
    name: 'Sekretariat',
    role: 'secretary',
    personId: '00000000-0000-4000-8002-000000000002',
    organizationIds: [],
  },
};

type Timings = Pick<
  EngineResult,
  'searchP50' | 'searchP95' | 'bareP50' | 'bareP95' | 'ratio' | 'averageTotal'
>;

/** Each query as the actor and as the bare full-text query, alternating which goes first. */
async function timeQueries(
  database: Database,
  actor: Actor,
  cases: readonly QueryCase[],
): Promise<Timings> {
  const runSearch = (c: QueryCase) =>
    search(
      { actor, tx: database.db },
      { q: c.q, organization: c.organization, from: c.from, to: c.to, type: c.type, page: 1 },
    );
  const runBare = (c: QueryCase) => {
    const parsed = parseSearchQuery(c.q);
    return selectBareFullText(
      database.db,
      parsed.tsquery!,
      parsed.indexTsquery,
      parsed.phrases,
      20,
    );
  };
  // Warm the caches and the JIT on a few queries first.
  for (const c of cases.slice(0, 20)) {
    await runSearch(c);
    await runBare(c);
  }
  const searchTimes: number[] = [];
  const bareTimes: number[] = [];
  let totalHits = 0;
  for (const [index, c] of cases.entries()) {
    // Alternate which goes first, so neither always finds the other's pages in the cache.
    const timeOf = async (run: () => Promise<unknown>) => {
      const t0 = performance.now();
      await run();
      return performance.now() - t0;
    };
    if (index % 2 === 0) {
      searchTimes.push(await timeOf(async () => (totalHits += (await runSearch(c)).total)));
      bareTimes.push(await timeOf(() => runBare(c)));
    } else {
      bareTimes.push(await timeOf(() => runBare(c)));
      searchTimes.push(await timeOf(async () => (totalHits += (await runSearch(c)).total)));
    }
  }
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  if (process.env.BENCH_SEARCH_SLOWEST) {
    const slowest = cases
      .map((c, index) => ({
        ms: Math.round(searchTimes[index]!),
        bare: Math.round(bareTimes[index]!),
        ...c,
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, Number(process.env.BENCH_SEARCH_SLOWEST));
    process.stderr.write(
      `${actorLabel(actor)}: slowest\n${slowest.map((x) => JSON.stringify(x)).join('\n')}\n`,
    );
  }
  return {
    searchP50: percentile(searchTimes, 50),
    searchP95: percentile(searchTimes, 95),
    bareP50: percentile(bareTimes, 50),
    bareP95: percentile(bareTimes, 95),
    ratio: sum(searchTimes) / sum(bareTimes),
    averageTotal: totalHits / cases.length,
  };
}

async function onPglite(words: readonly string[], scale: number): Promise<EngineResult[]> {
  const database = await openPglite(undefined);
  try {
    await database.migrate();
    return await measure(
      'PGlite',
      database,
      async (statement) => {
        await database.db.execute(sql.raw(statement));
      },
      words,
      scale,
    );
  } finally {
    await database.close();
  }
}

async function onPostgres(
  adminUrl: string,
  words: readonly string[],
  scale: number,
): Promise<EngineResult[] | undefined> {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    process.stderr.write(
      `PostgreSQL at ${adminUrl} does not answer (${String(error)}); skipped.\n`,
    );
    return undefined;
  }
  const keptName = process.env.BENCH_SEARCH_KEEP_DATABASE;
  const databaseName = keptName ?? `dagsorden_bench_search_${randomBytes(4).toString('hex')}`;
  const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
    databaseName,
  ]);
  const generate = existing.rowCount === 0;
  if (generate) await admin.query(`CREATE DATABASE "${databaseName}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const database = await openPostgres(url.toString());
  // One connection for the generation, as session_replication_role is per session.
  const generator = new pg.Client({ connectionString: url.toString() });
  try {
    await database.migrate();
    await generator.connect();
    return await measure(
      'PostgreSQL',
      database,
      async (statement) => {
        await generator.query(statement);
      },
      words,
      scale,
      generate,
    );
  } finally {
    await generator.end();
    await database.close();
    if (keptName === undefined) {
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    }
    await admin.end();
  }
}

async function main(): Promise<void> {
  const scale = envNumber('BENCH_SEARCH_SCALE', 1);
  // Embedded PGlite (single-threaded WebAssembly, in memory) gets a fifth of the archive by
  // default, to keep the run within minutes; BENCH_SEARCH_PGLITE_SCALE=1 runs it in full.
  const pgliteScale = envNumber('BENCH_SEARCH_PGLITE_SCALE', Math.min(scale, 0.2));
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const words = await seedWords();
  const postgres = await onPostgres(adminUrl, words, scale);
  const results = [...(postgres ?? []), ...(await onPglite(words, pgliteScale))];

  process.stdout.write(
    `${name}: ${queryCount} queries as each actor, scale ${scale} (PGlite ${pgliteScale}), ${words.length} seed words\n\n`,
  );
  printTable(
    [
      'engine',
      'actor',
      'documents',
      'generate s',
      'search p50 ms',
      'search p95 ms',
      'bare p50 ms',
      'bare p95 ms',
      'ratio',
      'avg hits',
    ],
    results.map((r) => [
      r.engine,
      r.actor,
      r.documents,
      round(r.generateSeconds, 1),
      round(r.searchP50, 1),
      round(r.searchP95, 1),
      round(r.bareP50, 1),
      round(r.bareP95, 1),
      round(r.ratio, 2),
      round(r.averageTotal, 0),
    ]),
  );
  // The slower actor decides: the targets hold for everyone who searches.
  const decisive = (postgres ?? results).reduce((a, b) => (b.searchP95 > a.searchP95 ? b : a));
  printResult({
    name,
    ratio: round(decisive.ratio, 3),
    engine: decisive.engine,
    actor: decisive.actor,
    scale,
    searchP50Ms: round(decisive.searchP50, 1),
    searchP95Ms: round(decisive.searchP95, 1),
    bareP50Ms: round(decisive.bareP50, 1),
    bareP95Ms: round(decisive.bareP95, 1),
    documents: decisive.documents,
    all: results,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
