import { count } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineUnavailable, openTestDatabase, type TestDatabase } from '../../../test/database';
import { auditEvents } from '../audit/db-schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/policy';
import { createLiveEvents, type LiveEvents } from '../events/live-events';
import { readAs, writeAs } from './service-call';

const actor: Actor = { kind: 'system', label: 'test' };

describe.skipIf(isEngineUnavailable())('request plumbing: readAs and writeAs', () => {
  let testDatabase: TestDatabase;
  let liveEvents: LiveEvents;
  let packageWorkerWakes = 0;
  const background = { wakePackageWorker: () => (packageWorkerWakes += 1) };
  const requestAs = (who: Actor | undefined) =>
    ({
      actor: who,
      server: { database: testDatabase.database, liveEvents, background },
    }) as unknown as FastifyRequest;
  const auditCount = async () =>
    (await testDatabase.database.db.select({ n: count() }).from(auditEvents))[0]!.n;
  const write = (entityId: string) => (ctx: Parameters<Parameters<typeof writeAs>[1]>[0]) =>
    recordAudit(ctx.tx, { actor: ctx.actor, action: 'test.write', entityType: 'test', entityId });

  beforeAll(async () => {
    testDatabase = await openTestDatabase();
    liveEvents = createLiveEvents();
  });
  afterAll(async () => {
    await liveEvents.close();
    await testDatabase.drop();
  });

  it('announces a topic and wakes the package worker only after the write has committed, once however often it is announced', async () => {
    const seen: number[] = [];
    const unsubscribe = liveEvents.subscribe('meeting:1', () => seen.push(seen.length));
    const before = await auditCount();
    const wakesBefore = packageWorkerWakes;
    await writeAs(requestAs(actor), async (ctx) => {
      await write('1')(ctx);
      ctx.announce('meeting:1');
      ctx.announce('meeting:1');
      expect(seen).toEqual([]);
      expect(packageWorkerWakes).toBe(wakesBefore);
    });
    unsubscribe();
    expect(seen).toEqual([0]);
    expect(await auditCount()).toBe(before + 1);
    expect(packageWorkerWakes).toBe(wakesBefore + 1);
  });

  it('announces nothing, wakes nothing and keeps nothing when the work fails', async () => {
    const seen: string[] = [];
    const unsubscribe = liveEvents.subscribe('meeting:2', () => seen.push('meeting:2'));
    const before = await auditCount();
    const wakesBefore = packageWorkerWakes;
    await expect(
      writeAs(requestAs(actor), async (ctx) => {
        await write('2')(ctx);
        ctx.announce('meeting:2');
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    unsubscribe();
    expect(seen).toEqual([]);
    expect(await auditCount()).toBe(before);
    expect(packageWorkerWakes).toBe(wakesBefore);
  });

  it('refuses an anonymous request before any work', async () => {
    let ran = false;
    await expect(
      writeAs(requestAs(undefined), async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(ran).toBe(false);
    expect(() => readAs(requestAs(undefined))).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(readAs(requestAs(actor))).toEqual({ actor, tx: testDatabase.database.db });
  });
});
