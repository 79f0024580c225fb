import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isEngineUnavailable, openTestDatabase, type TestDatabase } from '../../../test/database';
import type { LiveEvents } from './live-events';
import {
  createPostgresLiveEvents,
  liveEventsApplicationName,
  liveEventsChannel,
} from './postgres-live-events';

/** Two instances' live events on one database, as two app processes would have them. */
describe.skipIf(isEngineUnavailable())('live events over PostgreSQL LISTEN/NOTIFY', () => {
  let testDatabase: TestDatabase;
  let a: LiveEvents;
  let b: LiveEvents;
  const warnings: string[] = [];
  const log = {
    info: () => undefined,
    warn: (_details: unknown, message?: string) => void warnings.push(message ?? ''),
  };

  const rowsOf = async <T>(statement: SQL) =>
    ((await testDatabase.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const listeningConnections = async () => {
    const [row] = await rowsOf<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM pg_stat_activity
          WHERE application_name = ${liveEventsApplicationName} AND datname = current_database()`,
    );
    return row?.count;
  };

  beforeAll(async () => {
    testDatabase = await openTestDatabase();
    const open = () =>
      createPostgresLiveEvents({
        connectionString: testDatabase.url!,
        db: testDatabase.database.db,
        log,
        reconnectDelayMs: { first: 50, longest: 400 },
      });
    a = await open();
    b = await open();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await testDatabase?.drop();
  });

  it('tells local subscribers at once and the other instance through NOTIFY, never twice', async () => {
    const onA = vi.fn();
    const onB = vi.fn();
    const elsewhere = vi.fn();
    const markerOnA = vi.fn();
    const stops = [a.subscribe('meeting:1', onA), b.subscribe('meeting:1', onB)];
    stops.push(b.subscribe('meeting:2', elsewhere), a.subscribe('marker:1', markerOnA));
    a.publish('meeting:1');
    expect(onA).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(onB).toHaveBeenCalledTimes(1), { timeout: 3000 });
    // A listener gets notifications in commit order: B's marker, sent after A's notification
    // reached B, reaches A after A's own notification has come back to it.
    b.publish('marker:1');
    await vi.waitFor(() => expect(markerOnA).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(onA).toHaveBeenCalledTimes(1);
    expect(elsewhere).not.toHaveBeenCalled();
    for (const stop of stops) stop();
  });

  it('reads the wire format and ignores notifications that are not its own kind', async () => {
    const onA = vi.fn();
    const stop = a.subscribe('publications', onA);
    await testDatabase.database.db.execute(
      sql`SELECT pg_notify(${liveEventsChannel}, 'not json'),
                 pg_notify(${liveEventsChannel}, ${JSON.stringify({ origin: 'cli', topic: 'publications' })})`,
    );
    await vi.waitFor(() => expect(onA).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(warnings).toContain('ignored a live event notification that is not ours');
    stop();
  });

  it('reconnects after the connection is killed and tells its subscribers to refresh', async () => {
    const onA = vi.fn();
    const onB = vi.fn();
    const stops = [a.subscribe('meeting:3', onA), b.subscribe('meeting:3', onB)];
    const killed = await rowsOf(
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = ${liveEventsApplicationName} AND datname = current_database()`,
    );
    expect(killed).toHaveLength(2);
    // Whatever was published meanwhile is lost, so each instance has its viewers refetch.
    await vi.waitFor(
      () => {
        expect(onA).toHaveBeenCalledTimes(1);
        expect(onB).toHaveBeenCalledTimes(1);
      },
      { timeout: 5000 },
    );
    expect(warnings).toContain('live events: lost the LISTEN connection, reconnecting');
    expect(await listeningConnections()).toBe(2);
    b.publish('meeting:3');
    await vi.waitFor(() => expect(onA).toHaveBeenCalledTimes(2), { timeout: 3000 });
    for (const stop of stops) stop();
  });

  it('closes its connection and does not come back', async () => {
    const lost = warnings.filter((warning) => warning.includes('lost the LISTEN connection'));
    await a.close();
    await b.close();
    // A reconnect is only ever scheduled after this warning, logged when the connection ends;
    // close() resolves after its 'end' event, so none was logged means none is scheduled.
    expect(warnings.filter((warning) => warning.includes('lost the LISTEN connection'))).toEqual(
      lost,
    );
    await vi.waitFor(async () => expect(await listeningConnections()).toBe(0), { timeout: 3000 });
  });
});
