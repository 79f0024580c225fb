import { describe, expect, it } from 'vitest';
import type { PublicationRow, PublicItem, PublicMeeting } from '../publishing/index';
import { buildOparlGraph, legislativeTermStart } from './graph';
import { listPage } from './list-page';
import type { OrganizationData } from '../organizations/index';

const base = 'https://dagsorden.kommune.dk';
const oparl = `${base}/oparl/v1.1`;
const day = (date: string) => new Date(`${date}T12:00:00Z`);
const stamps = (created: string, updated = created) => ({
  createdAt: day(created),
  updatedAt: day(updated),
});

const data: OrganizationData = {
  bodies: [
    { id: 'b1', name: 'Aarhus Kommune', shortName: null, website: null, ...stamps('2023-01-01') },
  ],
  organizations: [
    {
      id: 'o1',
      bodyId: 'b1',
      parentId: null,
      name: 'Socialudvalget',
      shortName: null,
      classification: 'udvalg',
      ...stamps('2023-01-01'),
    },
  ],
  persons: [
    { id: 'p1', name: 'Anne Member', ...stamps('2023-01-01') },
    { id: 'p2', name: 'No Membership', ...stamps('2023-01-01') },
  ],
  memberships: [
    {
      id: 'm1',
      personId: 'p1',
      organizationId: 'o1',
      role: 'member',
      startDate: '2022-01-01',
      endDate: null,
      ...stamps('2023-01-01', '2023-06-01'),
    },
  ],
  locations: [
    {
      id: 'l1',
      description: 'Rådhuset, lokale 398',
      streetAddress: null,
      postalCode: null,
      locality: null,
      ...stamps('2023-01-01', '2023-12-01'),
    },
  ],
};

function item(id: string, order: number, paperId?: string): PublicItem {
  return {
    id,
    parentId: null,
    number: String(order),
    order,
    isPublic: true,
    title: `Punkt ${order}`,
    start: null,
    end: null,
    purpose: null,
    method: null,
    responsible: [],
    decision: null,
    minutes: null,
    paper: paperId ? { id: paperId, kindLabel: 'Indstilling', title: 'Sagen', sections: [] } : null,
    attachments: [],
  };
}

function publication(
  meetingId: string,
  items: PublicItem[],
  options: { created: string; updated?: string; withdrawn?: boolean },
): PublicationRow {
  const snapshot: PublicMeeting = {
    meetingId,
    kind: 'agenda',
    organization: { id: 'o1', name: 'Socialudvalget' },
    title: 'Møde',
    start: '2023-11-15T16:00:00+01:00',
    end: '2023-11-15T18:00:00+01:00',
    location: 'Rådhuset, lokale 398',
    items,
  };
  const updated = day(options.updated ?? options.created);
  return {
    id: `pub-${meetingId}`,
    meetingId,
    kind: 'agenda',
    snapshot,
    publishedAt: day(options.created),
    publishedByUserId: null,
    withdrawnAt: options.withdrawn ? updated : null,
    withdrawnByUserId: null,
    createdAt: day(options.created),
    updatedAt: updated,
  };
}

const build = (publications: PublicationRow[], now = day('2026-03-01')) =>
  buildOparlGraph({ publicBaseUrl: base, municipalityCode: undefined, data, publications, now });

describe('buildOparlGraph', () => {
  it("moves a meeting's modified when its embedded location changes", () => {
    const graph = build([publication('x1', [item('i1', 1)], { created: '2023-11-01' })]);
    const meeting = graph.objects.get(`${oparl}/meeting/x1`)!;
    expect(meeting.created).toBe(day('2023-11-01').toISOString());
    expect(meeting.modified).toBe(day('2023-12-01').toISOString());
    expect((meeting.agendaItem as Array<{ modified: string }>)[0]!.modified).toBe(meeting.modified);
  });

  it('keeps a paper live while another published meeting treats it', () => {
    const graph = build([
      publication('x1', [item('i1', 1, 'paper1')], { created: '2023-11-01', withdrawn: true }),
      publication('x2', [item('i2', 1, 'paper1')], { created: '2023-11-02' }),
    ]);
    expect(graph.objects.get(`${oparl}/meeting/x1`)).toMatchObject({ deleted: true });
    expect(graph.objects.get(`${oparl}/agenda-item/i1`)).toMatchObject({ deleted: true });
    expect(graph.objects.get(`${oparl}/consultation/i1`)).toMatchObject({ deleted: true });
    const paper = graph.objects.get(`${oparl}/paper/paper1`)!;
    expect(paper.deleted).toBeUndefined();
    expect((paper.consultation as Array<{ id: string }>).map((entry) => entry.id)).toEqual([
      `${oparl}/consultation/i2`,
    ]);
    expect(graph.lists.get(`${oparl}/body/b1/paper`)).toHaveLength(1);
  });

  it("serves a paper's bilag once, naming every meeting that treated it", () => {
    const withBilag = (id: string) => ({
      ...item(id, 1, 'paper1'),
      attachments: [
        {
          id: 'a1',
          number: 1,
          title: 'Bilag',
          label: 'Punkt 1, Bilag 1: Bilag',
          fileName: 'bilag.pdf',
          mediaType: 'application/pdf',
          sha256: 'f'.repeat(64),
        },
      ],
    });
    const graph = build([
      publication('x1', [withBilag('i1')], { created: '2023-11-01' }),
      publication('x2', [withBilag('i2')], { created: '2023-11-02' }),
    ]);
    const files = graph.lists.get(`${oparl}/body/b1/file`)!;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      meeting: [`${oparl}/meeting/x1`, `${oparl}/meeting/x2`],
      agendaItem: [`${oparl}/agenda-item/i1`, `${oparl}/agenda-item/i2`],
      accessUrl: `${base}/offentlig/bilag/a1`,
      downloadUrl: `${base}/offentlig/bilag/a1?download=1`,
    });
    const paper = graph.objects.get(`${oparl}/paper/paper1`)!;
    expect(paper.auxiliaryFile).toEqual([files[0]]);
  });

  it('lists only persons with a membership in the body, modified with their memberships', () => {
    const graph = build([]);
    const persons = graph.lists.get(`${oparl}/body/b1/person`)!;
    expect(persons.map((person) => person.name)).toEqual(['Anne Member']);
    expect(persons[0]!.modified).toBe(day('2023-06-01').toISOString());
    expect(persons[0]!.membership).toEqual([graph.objects.get(`${oparl}/membership/m1`)]);
  });

  it('derives the legislative terms from the first published meeting to today', () => {
    const graph = build([publication('x1', [item('i1', 1)], { created: '2023-11-01' })]);
    expect(graph.lists.get(`${oparl}/body/b1/legislative-term`)!.map((term) => term.name)).toEqual([
      'Valgperiode 2022–2025',
      'Valgperiode 2026–2029',
    ]);
    expect(legislativeTermStart(2021)).toBe(2018);
    expect(legislativeTermStart(2025)).toBe(2022);
  });
});

describe('listPage', () => {
  const objects = Array.from({ length: 5 }, (_, index) => ({
    id: `${oparl}/x/${index}`,
    type: 'https://schema.oparl.org/1.1/Meeting',
    created: day(`2023-01-0${index + 1}`).toISOString(),
    modified: day(`2023-02-0${index + 1}`).toISOString(),
  }));
  const url = `${oparl}/body/b1/meeting`;

  it('has next on every page but the last, and prev on every page but the first', () => {
    const middle = listPage(url, objects, { page: 2, limit: 2 });
    expect(middle.data.map((object) => object.id)).toEqual([objects[2]!.id, objects[3]!.id]);
    expect(middle.links).toMatchObject({
      prev: `${url}?limit=2&page=1`,
      next: `${url}?limit=2&page=3`,
    });
    expect(listPage(url, objects, { page: 3, limit: 2 }).links.next).toBeUndefined();
    expect(listPage(url, objects, { page: 1, limit: 2 }).links.prev).toBeUndefined();
  });

  it('filters by created and modified and keeps the filters in the links', () => {
    const since = '2023-01-03T00:00:00Z';
    const page = listPage(url, objects, {
      page: 1,
      limit: 1,
      created_since: since,
      modified_until: '2023-02-04T23:00:00+01:00',
    });
    expect(page.pagination).toEqual({
      totalElements: 2,
      elementsPerPage: 1,
      currentPage: 1,
      totalPages: 2,
    });
    const next = new URL(page.links.next!);
    expect(next.searchParams.get('created_since')).toBe(since);
    expect(next.searchParams.get('modified_until')).toBe('2023-02-04T23:00:00+01:00');
  });

  it('gives an empty list one page without next', () => {
    const page = listPage(url, [], { page: 1 });
    expect(page.pagination.totalPages).toBe(1);
    expect(page.links.next).toBeUndefined();
  });
});
