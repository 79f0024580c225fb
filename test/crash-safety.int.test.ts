import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createUser } from '../src/modules/accounts/index';
import { createBody, createOrganization } from '../src/modules/organizations/index';
import type { Actor } from '../src/platform/auth/policy';
import { loadConfig } from '../src/platform/config';
import { openPglite, openPostgres, type Database } from '../src/platform/db/client';
import { openConfiguredDatabase } from '../src/platform/db/open';
import { inTransaction } from '../src/platform/db/transaction';
import {
  engineUnderTest,
  isEngineUnavailable,
  openTestDatabase,
  type TestDatabase,
} from './database';
import { makePdf } from './file-factories';
import { freePort, startScript, waitForOk } from './processes';

/** Writers at once: enough that other requests are in flight when one is acknowledged. */
const writers = 4;
/** The server is killed once this many writes have been acknowledged. */
const acknowledgedWrites = 40;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type AckedPaper = { id: string; title: string; headings: string[] };
type SectionsSave = { paperId: string; html: string[] };
type AckedAttachment = { paperId: string; id: string; sha256: string };
type AckedItem = { meetingId: string; id: string; title: string };

/**
 * What the client knows: the writes the server acknowledged (2xx with the new id) and the
 * writes whose answer never came because the server died, which may or may not have landed.
 */
class WriteLog {
  papers: AckedPaper[] = [];
  savedSections = new Map<string, SectionsSave>();
  unansweredSections: SectionsSave[] = [];
  attachments: AckedAttachment[] = [];
  unansweredUploads = new Set<string>();
  meetings = new Set<string>();
  items: AckedItem[] = [];
  acknowledged = 0;
  inFlightAtKill = 0;
  unanswered = 0;
}

/**
 * The server as `npm start` runs it, on the engine under test, killed with SIGKILL in the
 * middle of a stream of writes and uploads, then restarted on the same data.
 */
describe.skipIf(isEngineUnavailable())('crash safety (SIGKILL during writes)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let postgres: TestDatabase | undefined;
  let token: string;
  let organizationId: string;
  const log = new WriteLog();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dagsorden-crash-'));
    env = { DATA_DIR: dataDir, DEMO: '0' };
    if (engineUnderTest() === 'postgresql') {
      postgres = await openTestDatabase();
      await postgres.database.close();
      env.DATABASE_URL = postgres.url!;
    }
    // Set up as the CLI would (an organization, a secretary and a token), in this process to
    // save process starts; the PGlite lock is released again before the server starts.
    const opened = await openConfiguredDatabase(loadConfig(env));
    try {
      const actor: Actor = { kind: 'system', label: 'test' };
      await inTransaction(opened.database.db, async (tx) => {
        const body = await createBody({ actor, tx, input: { name: 'Crash Kommune' } });
        const organization = await createOrganization({
          actor,
          tx,
          input: { bodyId: body.id, name: 'Crashudvalget', classification: 'udvalg' },
        });
        organizationId = organization.id;
        await createUser({
          actor,
          tx,
          rawInput: { email: 'sekretaer@test.dk', role: 'secretary', name: 'Sofie' },
        });
        token = await createApiToken({ actor, tx, input: { email: 'sekretaer@test.dk' } });
      });
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (postgres) await postgres.drop().catch(() => undefined);
  });

  type Server = {
    process: ChildProcess;
    baseUrl: string;
    /** Listened for from the start: a killed server may exit before anyone awaits it. */
    exited: Promise<[number | null, NodeJS.Signals | null]>;
  };

  async function startServer(): Promise<Server> {
    const port = await freePort();
    const child = startScript('main.ts', [], { ...env, PORT: String(port) });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitForOk(`${baseUrl}/healthz`, 60_000, child);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return { process: child, baseUrl, exited };
  }

  const api = (baseUrl: string, path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    });

  async function stopServer(server: Server): Promise<void> {
    server.process.kill('SIGTERM');
    const [code] = await server.exited;
    expect(code).toBe(0);
  }

  /**
   * Writers create meetings, agenda items, papers, section saves and bilag uploads until the
   * server is killed, right after an acknowledged write once there are enough of them.
   */
  async function writeUntilKilled(): Promise<void> {
    const server = await startServer();
    const { baseUrl } = server;
    let inFlight = 0;
    let uploadsInFlight = 0;
    let killed = false;
    const errors: string[] = [];
    /**
     * Sends one write; its JSON when acknowledged, undefined when the server died first.
     * `onUnanswered` notes a write that was sent but never answered: it may or may not have landed.
     */
    const write = async <T>(
      path: string,
      init: RequestInit,
      onUnanswered: () => void = () => undefined,
    ): Promise<T | undefined> => {
      if (killed) return undefined;
      const isUpload = init.body instanceof FormData;
      inFlight++;
      if (isUpload) uploadsInFlight++;
      const done = () => {
        inFlight--;
        if (isUpload) uploadsInFlight--;
      };
      const unanswered = () => {
        done();
        log.unanswered++;
        onUnanswered();
        return undefined;
      };
      let response: Response;
      let body: T;
      try {
        response = await api(baseUrl, path, init);
        // The body may still be cut off by the kill: only a complete answer counts.
        body = (await response.json()) as T;
      } catch {
        return unanswered();
      }
      done();
      if (!response.ok) {
        errors.push(`${init.method} ${path}: ${response.status} ${JSON.stringify(body)}`);
        return undefined;
      }
      log.acknowledged++;
      // Preferably while an upload is under way, so the kill can land between blob and row.
      if (
        !killed &&
        log.acknowledged >= acknowledgedWrites &&
        (uploadsInFlight > 0 || log.acknowledged >= 2 * acknowledgedWrites)
      ) {
        killed = true;
        log.inFlightAtKill += inFlight;
        server.process.kill('SIGKILL');
      }
      return body;
    };

    const writer = async (writerIndex: number) => {
      const tag = `w${writerIndex}`;
      const meeting = await write<{ id: string }>('/api/v1/meetings', {
        method: 'POST',
        body: JSON.stringify({
          organizationId,
          title: `Crashmøde ${tag}`,
          start: '2027-03-01T16:00:00+01:00',
          end: '2027-03-01T18:00:00+01:00',
        }),
      });
      if (!meeting) return;
      log.meetings.add(meeting.id);
      for (let step = 0; !killed; step++) {
        const title = `Crashsag ${tag}s${step}`;
        const paper = await write<{ id: string; sections: Array<{ heading: string }> }>(
          '/api/v1/papers',
          {
            method: 'POST',
            body: JSON.stringify({ organizationId, title, paperDate: '2027-02-01' }),
          },
        );
        if (!paper) return;
        const headings = paper.sections.map((section) => section.heading);
        log.papers.push({ id: paper.id, title, headings });

        const sent = headings.map((heading) => `<p>${tag}s${step} ${heading}</p>`);
        const saved = await write<{ sections: Array<{ html: string }> }>(
          `/api/v1/papers/${paper.id}/sections`,
          {
            method: 'PUT',
            body: JSON.stringify({
              sections: headings.map((heading, index) => ({ heading, html: sent[index] })),
            }),
          },
          () => log.unansweredSections.push({ paperId: paper.id, html: sent }),
        );
        if (!saved) return;
        log.savedSections.set(paper.id, {
          paperId: paper.id,
          html: saved.sections.map((section) => section.html),
        });

        const pdf = await makePdf([`Bilag ${title}`]);
        const hash = sha256(pdf);
        const form = new FormData();
        form.append('title', `Bilag ${title}`);
        form.append(
          'file',
          new Blob([Buffer.from(pdf)], { type: 'application/pdf' }),
          `bilag-${tag}.pdf`,
        );
        const uploaded = await write<{ data: Array<{ id: string; sha256: string }> }>(
          `/api/v1/papers/${paper.id}/attachments`,
          { method: 'POST', body: form },
          () => log.unansweredUploads.add(hash),
        );
        if (!uploaded) return;
        const [attachment] = uploaded.data;
        log.attachments.push({ paperId: paper.id, id: attachment!.id, sha256: attachment!.sha256 });

        const itemTitle = `Crashpunkt ${tag}s${step}`;
        const item = await write<{ id: string }>(`/api/v1/meetings/${meeting.id}/items`, {
          method: 'POST',
          body: JSON.stringify({ title: itemTitle, durationMinutes: 5 }),
        });
        if (!item) return;
        log.items.push({ meetingId: meeting.id, id: item.id, title: itemTitle });
      }
    };

    await Promise.all(Array.from({ length: writers }, (_, index) => writer(index)));
    if (!killed) server.process.kill('SIGKILL');
    const [, signal] = await server.exited;
    expect(errors).toEqual([]);
    expect(signal).toBe('SIGKILL');
  }

  it('keeps every acknowledged write and no partial one after a SIGKILL', async () => {
    await writeUntilKilled();
    // The kill must land while writes are under way, or it proves nothing.
    expect(log.inFlightAtKill).toBeGreaterThan(0);
    expect(log.acknowledged).toBeGreaterThanOrEqual(acknowledgedWrites);

    // The dead server's PGlite lock is left behind; the restart takes it over and recovers
    // from the WAL.
    if (engineUnderTest() === 'pglite')
      expect(existsSync(join(dataDir, 'dagsorden.lock'))).toBe(true);
    const server = await startServer();
    const { baseUrl } = server;
    try {
      const getJson = async <T>(path: string): Promise<T> => {
        const response = await api(baseUrl, path);
        expect(response.status, path).toBe(200);
        return (await response.json()) as T;
      };
      for (const paper of log.papers) {
        const stored = await getJson<{
          title: string;
          sections: Array<{ heading: string; html: string }>;
          attachments: Array<{ id: string; sha256: string }>;
        }>(`/api/v1/papers/${paper.id}`);
        expect(stored.title).toBe(paper.title);
        expect(stored.sections.map((section) => section.heading)).toEqual(paper.headings);
        const html = stored.sections.map((section) => section.html);
        const saved = log.savedSections.get(paper.id);
        if (saved) {
          expect(html).toEqual(saved.html);
        } else {
          // A save whose answer never came landed whole or not at all.
          const unanswered = log.unansweredSections.find((save) => save.paperId === paper.id);
          const empty = paper.headings.map(() => '');
          expect([empty, unanswered?.html]).toContainEqual(html);
        }
        for (const attachment of log.attachments.filter((a) => a.paperId === paper.id)) {
          expect(stored.attachments).toContainEqual(
            expect.objectContaining({ id: attachment.id, sha256: attachment.sha256 }),
          );
        }
      }
      for (const attachment of log.attachments) {
        const response = await api(baseUrl, `/api/v1/attachments/${attachment.id}/content`);
        expect(response.status).toBe(200);
        expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(attachment.sha256);
      }
      for (const meetingId of log.meetings) {
        const meeting = await getJson<{ items: Array<{ id: string; title: string }> }>(
          `/api/v1/meetings/${meetingId}`,
        );
        for (const item of log.items.filter((i) => i.meetingId === meetingId)) {
          expect(meeting.items).toContainEqual(
            expect.objectContaining({ id: item.id, title: item.title }),
          );
        }
      }
    } finally {
      await stopServer(server);
    }

    await expectNoPartialRowOrFile();
  }, 120_000);

  /** Looks under the API: rows that belong together, and files that belong to rows. */
  async function expectNoPartialRowOrFile(): Promise<void> {
    const database: Database = postgres
      ? await openPostgres(postgres.url!)
      : await openPglite(join(dataDir, 'db'));
    try {
      const rows = async <T>(query: SQL) =>
        ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
      // A paper is created with its sections, its first version and its audit event in one
      // transaction, so none may exist without the others.
      const incomplete = await rows<{ id: string }>(sql`
        SELECT p.id FROM papers p
        WHERE p.title LIKE 'Crashsag %' AND (
          NOT EXISTS (SELECT 1 FROM paper_sections s WHERE s.paper_id = p.id)
          OR NOT EXISTS (SELECT 1 FROM paper_versions v WHERE v.paper_id = p.id)
          OR NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_id = p.id::text))`);
      expect(incomplete).toEqual([]);
      const crashPapers = await rows<{ count: number }>(
        sql`SELECT count(*)::int AS count FROM papers WHERE title LIKE 'Crashsag %'`,
      );
      // Every acknowledged paper, plus at most the ones whose answer the kill cut off.
      expect(crashPapers[0]!.count).toBeGreaterThanOrEqual(log.papers.length);
      expect(crashPapers[0]!.count).toBeLessThanOrEqual(log.papers.length + log.unanswered);

      // Every stored file's blob is there, whole: its content hashes to its key.
      const blobRoot = join(dataDir, 'blobs');
      const storedFiles = await rows<{ sha256: string; byte_size: number }>(
        sql`SELECT sha256, byte_size FROM stored_files`,
      );
      for (const file of storedFiles) {
        const path = join(blobRoot, file.sha256.slice(0, 2), file.sha256.slice(2, 4), file.sha256);
        const bytes = readFileSync(path);
        expect(bytes.byteLength).toBe(file.byte_size);
        expect(sha256(bytes)).toBe(file.sha256);
      }
      // No blob under a real key is partial, and a blob without its row can only be an upload
      // the kill cut off (the file is written before the transaction commits; without a row
      // it is never served). Temporary files are at most one per cut-off upload.
      const recorded = new Set(storedFiles.map((file) => file.sha256));
      const blobFiles = listFiles(blobRoot);
      const temporary = blobFiles.filter((path) => path.startsWith('tmp/'));
      expect(temporary.length).toBeLessThanOrEqual(log.inFlightAtKill);
      for (const path of blobFiles.filter((p) => !p.startsWith('tmp/'))) {
        const key = path.split('/').pop()!;
        expect(sha256(readFileSync(join(blobRoot, path)))).toBe(key);
        if (!recorded.has(key)) expect(log.unansweredUploads).toContain(key);
      }
    } finally {
      await database.close();
    }
  }
});

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}
