import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable, openTestDatabase, type TestDatabase } from '../../../test/database';
import { pdfText } from '../../../test/pdf-tools';
import { createLocalBlobStore } from '../../platform/blobs/local-blob-store';
import type { BlobStore } from '../../platform/blobs/blob-store';
import { da } from '../../platform/i18n/da';
import { meetings } from '../meetings/db-schema';
import { packageBuilds } from './db-schema';
import { buildLease, queueOutdatedPackages, runPendingBuilds } from './jobs';
import * as repo from './repository';

type Build = {
  id: string;
  audience: string;
  status: string;
  progress: number;
  pageCount: number | null;
};

describe.skipIf(isEngineUnavailable())('meeting packages as background jobs', () => {
  let t: TestApp;
  let secretary: TestUser;
  let reader: TestUser;
  let meetingId: string;

  beforeAll(async () => {
    // The test runs the worker itself, so each build happens at a known point.
    t = await createTestApp({ demo: true, config: { backgroundWork: false } });
    secretary = await createTestUser(t.database, 'secretary');
    reader = await createTestUser(t.database, 'case_officer');
    const meetings = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; title: string }> };
    meetingId = meetings.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!.id;
  });
  afterAll(() => t.close());

  const builds = async (user: TestUser, id = meetingId) =>
    (
      (
        await t.app.inject({ url: `/api/v1/meetings/${id}/packages`, headers: bearer(user) })
      ).json() as {
        data: Build[];
      }
    ).data;

  /** Runs the worker over the queue, as the background worker does when woken. */
  const runWorker = () => runPendingBuilds({ db: t.database.db, blobs: t.app.blobs });

  /** The newest build of an audience, after the worker has run the queue. */
  async function buildQueued(audience: string): Promise<Build> {
    expect(await runWorker()).toBeGreaterThan(0);
    return (await builds(secretary)).find((candidate) => candidate.audience === audience)!;
  }

  it('queues a build (202), builds it in the background and serves it with an ETag', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/packages`,
      headers: bearer(reader),
      payload: { audience: 'full' },
    });
    expect(refused.statusCode).toBe(403);
    const requested = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/packages`,
      headers: bearer(secretary),
      payload: { audience: 'full' },
    });
    expect(requested.statusCode).toBe(202);
    expect((requested.json() as Build).status).toBe('queued');
    const done = await buildQueued('full');
    expect(done).toMatchObject({ status: 'done', progress: 100 });
    expect(done.pageCount).toBeGreaterThan(5);

    const url = `/api/v1/meetings/${meetingId}/packages/full/content`;
    const file = await t.app.inject({ url, headers: bearer(secretary) });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('inline');
    expect(pdfText(file.rawPayload)).toContain('Punkt 4, Bilag 1: Sammen om Opgaven');
    const etag = file.headers.etag as string;
    const again = await t.app.inject({
      url,
      headers: { ...bearer(secretary), 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    // A case officer (no access to closed items) gets neither the full package nor its build.
    expect((await t.app.inject({ url, headers: bearer(reader) })).statusCode).toBe(404);
    expect(await builds(reader)).toEqual([]);
  });

  it('shows status and download on the meeting package page, and builds from its form', async () => {
    // A full package of its own to show, whatever ran before.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/packages`,
      headers: bearer(secretary),
      payload: { audience: 'full' },
    });
    expect((await buildQueued('full')).status).toBe('done');
    const session = await signIn(t.app, secretary);
    const page = await session.get(`/moeder/${meetingId}/pakke`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/moeder/${meetingId}/pakke/full.pdf"`);
    const posted = await session.post(`/moeder/${meetingId}/pakke`, { audience: 'public' });
    expect(posted.statusCode).toBe(303);
    expect((await buildQueued('public')).status).toBe('done');
    const file = await session.get(`/moeder/${meetingId}/pakke/public.pdf`);
    expect(file.statusCode).toBe(200);
    expect(pdfText(file.rawPayload)).toContain('Offentlig udgave');
  });

  it('gives the agenda as a Word file with the items as headings', async () => {
    const response = await t.app.inject({
      url: `/api/v1/meetings/${meetingId}/agenda.docx`,
      headers: bearer(secretary),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('.docx');
    const { value } = await mammoth.convertToHtml({ buffer: response.rawPayload });
    expect(value).toContain('<h1>Dagsorden: Rådmandsmøde</h1>');
    expect(value).toContain('<h2>4. Status på Sammen om Opgaven</h2>');
    expect(value).toContain('Punkt 4, Bilag 1: Sammen om Opgaven');
  });

  it('rebuilds a package by itself when the agenda of a coming meeting changes', async () => {
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(secretary) })
    ).json() as { data: Array<{ id: string; classification: string }> };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: organizations.data.find((o) => o.classification === 'udvalg')!.id,
        title: 'Udvalgsmøde',
        start: '2099-01-19T16:00:00+01:00',
        end: '2099-01-19T18:00:00+01:00',
      },
    });
    const futureId = (created.json() as { id: string }).id;
    const item = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${futureId}/items`,
        headers: bearer(secretary),
        payload: { title: 'Bordrunde', durationMinutes: 10 },
      })
    ).json() as { id: string };
    const listOf = async () =>
      (
        (
          await t.app.inject({
            url: `/api/v1/meetings/${futureId}/packages`,
            headers: bearer(secretary),
          })
        ).json() as { data: Build[] }
      ).data;
    const doneBuilds = async () => (await listOf()).filter((build) => build.status === 'done');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${futureId}/packages`,
      headers: bearer(secretary),
      payload: { audience: 'full' },
    });
    expect(await runWorker()).toBe(1);
    expect(await doneBuilds()).toHaveLength(1);

    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${futureId}/items/${item.id}`,
      headers: bearer(secretary),
      payload: { title: 'Bordrunde og eventuelt' },
    });
    // The background worker checks for changes every fifth tick; here the test asks it.
    expect(await queueOutdatedPackages({ db: t.database.db, blobs: t.app.blobs })).toBe(1);
    expect(await runWorker()).toBe(1);
    expect(await doneBuilds()).toHaveLength(2);
    const file = await t.app.inject({
      url: `/api/v1/meetings/${futureId}/packages/full/content`,
      headers: bearer(secretary),
    });
    expect(pdfText(file.rawPayload)).toContain('Bordrunde og eventuelt');
    // Up to date now: nothing more to rebuild.
    expect(await queueOutdatedPackages({ db: t.database.db, blobs: t.app.blobs })).toBe(0);
  });

  it('gives a member who is inhabil their own package, built with the full one, and never the full one', async () => {
    const canary = 'EGEN-PAKKE-3f9a';
    const detail = (
      await t.app.inject({ url: `/api/v1/meetings/${meetingId}`, headers: bearer(secretary) })
    ).json() as { organization: { id: string } };
    const members = (
      await t.app.inject({
        url: `/api/v1/organizations/${detail.organization.id}`,
        headers: bearer(secretary),
      })
    ).json() as { memberships: Array<{ personId: string; personName: string }> };
    const eva = members.memberships.find((m) => m.personName === 'Eva Borchorst Mejnertz')!;
    const lotte = members.memberships.find((m) => m.personName === 'Lotte Henriksen')!;
    // A coming meeting of the same organization: the demo's rådmandsmøder are held and locked.
    const coming = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: bearer(secretary),
      payload: {
        organizationId: detail.organization.id,
        title: 'Rådmandsmøde',
        start: '2023-11-20T09:00:00+01:00',
        end: '2023-11-20T10:00:00+01:00',
      },
    });
    const comingId = (coming.json() as { id: string }).id;
    const evaUser = await createTestUser(t.database, 'participant', { personId: eva.personId });
    const lotteUser = await createTestUser(t.database, 'participant', {
      personId: lotte.personId,
    });
    const item = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${comingId}/items`,
        headers: bearer(secretary),
        payload: {
          title: `Lukket sag ${canary}`,
          isPublic: false,
          closedReasonCode: 'personnel',
          publicTitle: 'Lukket sag',
          durationMinutes: 5,
        },
      })
    ).json() as { id: string };
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/meetings/${comingId}/items/${item.id}`,
      headers: bearer(secretary),
      payload: { disqualifiedPersonIds: [eva.personId] },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${comingId}/packages`,
      headers: bearer(secretary),
      payload: { audience: 'full' },
    });
    // The shared full package and Eva's own, both built in the one run.
    expect(await runWorker()).toBe(2);
    const latestFull = (await builds(secretary, comingId))
      .filter((build) => build.audience === 'full')
      .slice(0, 2);
    expect(latestFull.map((build) => build.status)).toEqual(['done', 'done']);
    const own = (await builds(evaUser, comingId)).filter((build) => build.audience === 'full');
    expect(own.length).toBeGreaterThan(0);
    expect(
      own.every((build) => (build as Build & { forPersonId: string }).forPersonId === eva.personId),
    ).toBe(true);

    const content = (user: TestUser) =>
      t.app.inject({
        url: `/api/v1/meetings/${comingId}/packages/full/content`,
        headers: bearer(user),
      });
    const evaFile = await content(evaUser);
    expect(evaFile.statusCode).toBe(200);
    expect(pdfText(evaFile.rawPayload)).not.toContain(canary);
    expect(pdfText(evaFile.rawPayload)).toContain('(udeladt: du er inhabil)');
    const lotteFile = await content(lotteUser);
    expect(pdfText(lotteFile.rawPayload)).toContain(canary);

    const session = await signIn(t.app, secretary);
    const page = await session.get(`/moeder/${comingId}/pakke`);
    expect(page.body).toContain('Medlemmernes egne pakker');
    expect(page.body).toContain('Eva Borchorst Mejnertz');
    const evaPage = await (await signIn(t.app, evaUser)).get(`/moeder/${comingId}/pakke`);
    expect(evaPage.body).toContain('Du er inhabil i et eller flere punkter');
  });
});

// Without an app, so that no background worker claims a build before the test does.
describe.skipIf(isEngineUnavailable())('a package build whose worker is gone', () => {
  let test: TestDatabase;
  let directory: string;
  let blobs: BlobStore;
  let meetingId: string;
  const t = da.packages.jobs;
  const claimOptions = { leaseMs: buildLease.leaseMs, interrupted: t.interrupted };
  /** A lease that ran out a minute ago, as a dead worker leaves it. */
  const expired = () => new Date(Date.now() - buildLease.leaseMs - 60_000);

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'dagsorden-builds-'));
    test = await openTestDatabase({ demo: true });
    await test.copyDemoBlobs(join(directory, 'blobs'));
    blobs = createLocalBlobStore(join(directory, 'blobs'));
    const [meeting] = await test.database.db.select({ id: meetings.id }).from(meetings).limit(1);
    meetingId = meeting!.id;
  });
  afterAll(async () => {
    await test?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  /** A build as a worker left it when it stopped: running, part done, its lease as given. */
  const leftRunning = async (startedAt: Date, error: string | null = null) => {
    const [row] = await test.database.db
      .insert(packageBuilds)
      .values({
        meetingId,
        audience: 'public',
        status: 'running',
        progress: 40,
        startedAt,
        error,
        requestedByLabel: 'test',
      })
      .returning();
    return row!;
  };
  const rowOf = async (id: string) => {
    const [row] = await test.database.db
      .select()
      .from(packageBuilds)
      .where(eq(packageBuilds.id, id));
    return row!;
  };

  it('takes over a build whose lease expired and finishes it', async () => {
    const stranded = await leftRunning(expired());
    expect(await runPendingBuilds({ db: test.database.db, blobs })).toBe(1);
    const finished = await rowOf(stranded.id);
    expect(finished).toMatchObject({ status: 'done', progress: 100, error: null });
    expect(finished.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await blobs.has(finished.fileSha256!)).toBe(true);
  });

  it('leaves a build alone while its lease holds, and fences the old worker out after a takeover', async () => {
    const db = test.database.db;
    const held = await leftRunning(new Date(Date.now() - 60_000));
    expect(await repo.claimNextBuild(db, claimOptions)).toBeUndefined();
    const oldClaim = { id: held.id, lease: expired() };
    await db
      .update(packageBuilds)
      .set({ startedAt: oldClaim.lease })
      .where(eq(packageBuilds.id, held.id));

    const taken = await repo.claimNextBuild(db, claimOptions);
    expect(taken).toMatchObject({ id: held.id, status: 'running', progress: 0 });
    expect(taken!.error).toBe(t.interrupted);
    expect(taken!.startedAt!.getTime()).toBeGreaterThan(Date.now() - buildLease.leaseMs);
    // The old worker, should it come back, can neither report nor finish.
    expect(await repo.renewBuildLease(db, oldClaim, { progress: 90 })).toBeUndefined();
    expect(await repo.finishHeldBuild(db, oldClaim, { status: 'failed' })).toBe(false);
    const newClaim = { id: held.id, lease: taken!.startedAt! };
    expect(await repo.renewBuildLease(db, newClaim, { progress: 10 })).toBeInstanceOf(Date);
    expect(await rowOf(held.id)).toMatchObject({ status: 'running', progress: 10 });
    await db.delete(packageBuilds).where(eq(packageBuilds.id, held.id));
  });

  it('gives up a build whose worker stopped a second time instead of taking it over again', async () => {
    const twice = await leftRunning(expired(), t.interrupted);
    expect(await runPendingBuilds({ db: test.database.db, blobs })).toBe(0);
    expect(await rowOf(twice.id)).toMatchObject({ status: 'failed', error: t.abandoned });
  });
});
