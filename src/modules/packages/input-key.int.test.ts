import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineUnavailable, openTestDatabase, type TestDatabase } from '../../../test/database';
import { selectPackageInputStates } from './repository';

type Sample = { meetingId: string; itemId: string; paperId: string; personId: string };

describe.skipIf(isEngineUnavailable())('the package input key', () => {
  let test: TestDatabase;
  let sample: Sample;

  const rows = async <T>(statement: SQL) =>
    ((await test.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const keyOf = async (meetingId = sample.meetingId) =>
    (await selectPackageInputStates(test.database.db, [meetingId])).get(meetingId)!.inputKey;

  beforeAll(async () => {
    test = await openTestDatabase({ demo: true });
    // An item whose memo has sections and bilag, and a member of the meeting's organization.
    const [found] = await rows<Sample>(sql`
      select i.meeting_id as "meetingId", i.id as "itemId", i.paper_id as "paperId",
        (select ms.person_id from memberships ms join meetings m on m.organization_id = ms.organization_id
          where m.id = i.meeting_id order by ms.id limit 1) as "personId"
      from agenda_items i
      where exists (select 1 from paper_attachments pa where pa.paper_id = i.paper_id)
        and exists (select 1 from paper_sections s where s.paper_id = i.paper_id)
      order by i.id limit 1`);
    expect(found?.personId).toBeTruthy();
    sample = found!;
  });
  afterAll(() => test?.drop());

  it('stays the same while nothing a package is built from changes', async () => {
    const before = await keyOf();
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    expect(await keyOf()).toBe(before);
    // Minutes and live times are not in the package; neither is another meeting's agenda.
    await test.database.db.execute(sql`update agenda_items
      set minutes_text = '<p>Drøftet</p>', decision = 'Taget til efterretning',
        minutes_revision = minutes_revision + 1, actual_start = now(), updated_at = now()
      where id = ${sample.itemId}`);
    await test.database.db.execute(sql`update meetings set started_at = now(), updated_at = now()
      where id = ${sample.meetingId}`);
    await test.database.db.execute(sql`update agenda_items set title = title || ' (andet møde)'
      where meeting_id <> ${sample.meetingId}`);
    expect(await keyOf()).toBe(before);
  });

  const changes: Array<[string, () => SQL]> = [
    [
      'an item is renamed',
      () => sql`update agenda_items set title = title || ' (ændret)' where id = ${sample.itemId}`,
    ],
    [
      'an item is made closed',
      () =>
        sql`update agenda_items set is_public = false, public_title = 'Lukket punkt' where id = ${sample.itemId}`,
    ],
    [
      'the meeting is moved',
      () =>
        sql`update meetings set starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour' where id = ${sample.meetingId}`,
    ],
    [
      'the memo is saved',
      () =>
        sql`update papers set updated_at = updated_at + interval '1 second' where id = ${sample.paperId}`,
    ],
    [
      'a section is saved',
      () =>
        sql`update paper_sections set updated_at = updated_at + interval '1 second' where id = (select id from paper_sections where paper_id = ${sample.paperId} order by position limit 1)`,
    ],
    [
      'a bilag is renamed',
      () =>
        sql`update paper_attachments set updated_at = updated_at + interval '1 second' where id = (select id from paper_attachments where paper_id = ${sample.paperId} order by position limit 1)`,
    ],
    [
      'a bilag is removed',
      () =>
        sql`delete from paper_attachments where id = (select id from paper_attachments where paper_id = ${sample.paperId} order by position limit 1)`,
    ],
    [
      'a bilag is listed on the item',
      () =>
        sql`insert into agenda_item_attachments (agenda_item_id, position, title) values (${sample.itemId}, 99, 'Kort')`,
    ],
    [
      'a member is inhabil',
      () =>
        sql`insert into agenda_item_disqualifications (agenda_item_id, person_id) values (${sample.itemId}, ${sample.personId})`,
    ],
    [
      'a member changes name',
      () => sql`update persons set name = name || ' Hansen' where id = ${sample.personId}`,
    ],
  ];

  it.each(changes)('changes when %s', async (_, change) => {
    const before = await keyOf();
    await test.database.db.execute(change());
    const after = await keyOf();
    expect(after).not.toBe(before);
    expect(await keyOf()).toBe(after);
  });

  it('names the members who are inhabil, for their own packages', async () => {
    await test.database.db
      .execute(sql`insert into agenda_item_disqualifications (agenda_item_id, person_id)
      values (${sample.itemId}, ${sample.personId}) on conflict do nothing`);
    const state = (await selectPackageInputStates(test.database.db, [sample.meetingId])).get(
      sample.meetingId,
    );
    expect(state?.disqualifiedPersonIds).toContain(sample.personId);
  });
});
