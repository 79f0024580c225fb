import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  signIn,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';

type Paper = {
  id: string;
  title: string;
  status: string;
  caseNumber: string | null;
  sections: Array<{
    heading: string;
    html: string;
    lix: number;
    readability: { band: string; longSentences: unknown[] };
  }>;
  cover: {
    purpose: string | null;
    keyMessages: string[];
    requestedAction: string | null;
    words: number;
    lix: number;
  };
};
type ApiError = {
  error: { code: string; message: string; details: Array<{ field: string; message: string }> };
};

describe.skipIf(isEngineUnavailable())('papers (sager)', () => {
  let t: TestApp;
  let caseOfficer: TestUser;
  let secretary: TestUser;
  let memberReader: TestUser;
  let councilId: string;
  let councilMeetingId: string;
  let demoPaperId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    caseOfficer = await createTestUser(t.database, 'case_officer');
    secretary = await createTestUser(t.database, 'secretary');
    const meetings = (
      await t.app.inject({ url: '/api/v1/meetings', headers: bearer(secretary) })
    ).json() as {
      data: Array<{ id: string; title: string; organization: { id: string } }>;
    };
    const council = meetings.data.findLast((meeting) => meeting.title === 'Rådmandsmøde')!;
    councilMeetingId = council.id;
    councilId = council.organization.id;
    const detail = (
      await t.app.inject({ url: `/api/v1/organizations/${councilId}`, headers: bearer(secretary) })
    ).json() as {
      memberships: Array<{ personId: string; personName: string }>;
    };
    const eva = detail.memberships.find(
      (membership) => membership.personName === 'Eva Borchorst Mejnertz',
    )!;
    memberReader = await createTestUser(t.database, 'reader', { personId: eva.personId });
    const list = (
      await t.app.inject({ url: '/api/v1/papers', headers: bearer(secretary) })
    ).json() as { data: Paper[] };
    demoPaperId = list.data.find(
      (paper) => paper.title === 'Orientering om vinterhjælp til økonomisk trængte',
    )!.id;
  });
  afterAll(() => t.close());

  const get = (url: string, user: TestUser) => t.app.inject({ url, headers: bearer(user) });
  const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, user: TestUser, payload: unknown) =>
    t.app.inject({
      method,
      url,
      headers: bearer(user),
      payload: payload as Record<string, unknown>,
    });

  it('has the seed memo with its sections, LIX per section and cover, linked from the rådmandsmøde agenda', async () => {
    const paper = (await get(`/api/v1/papers/${demoPaperId}`, secretary)).json() as Paper;
    expect(paper.caseNumber).toBe('EMN-2023-012026');
    // The demo releases the rådmandsmøde's minutes, which marks the memo treated there.
    expect(paper.status).toBe('treated');
    expect(paper.sections.map((section) => section.heading)).toEqual([
      'INDSTILLING',
      'SAGSFREMSTILLING',
      'HANDLEMULIGHEDER/LØSNINGER',
      'ØKONOMI',
      'KOMMUNIKATION',
      'VIDERE PROCES',
      'KOORDINERET MED',
      'BILAG',
    ]);
    const caseSection = paper.sections[1]!;
    expect(caseSection.lix).toBeGreaterThanOrEqual(45);
    expect(caseSection.readability.longSentences.length).toBeGreaterThan(0);
    expect(paper.cover.keyMessages).toHaveLength(3);
    expect(paper.cover.requestedAction).toBe('droeftelse');
    expect(paper.cover.words).toBeLessThanOrEqual(200);
    expect(paper.cover.lix).toBeGreaterThan(0);

    const meeting = (await get(`/api/v1/meetings/${councilMeetingId}`, secretary)).json() as {
      items: Array<{
        title: string;
        paperId: string | null;
        attachments: Array<{ label: string }>;
      }>;
    };
    const item = meeting.items.find(
      (candidate) => candidate.title === 'Orientering om vinterhjælp til økonomisk trængte',
    )!;
    expect(item.paperId).toBe(demoPaperId);
    expect(
      meeting.items.find((candidate) => candidate.title === 'Status på Sammen om Opgaven')!
        .attachments[0]!.label,
    ).toBe('Punkt 4, Bilag 1: Sammen om Opgaven');
  });

  it('creates a draft with the default sections, sanitises section HTML and measures it', async () => {
    const created = await send('POST', '/api/v1/papers', caseOfficer, {
      organizationId: councilId,
      title: 'Status på Sammen om Opgaven',
      paperDate: '2023-11-01',
      caseNumber: 'EMN-2023-012999',
      caseOfficers: ['Anne Stolberg'],
    });
    expect(created.statusCode).toBe(201);
    const paper = created.json() as Paper;
    expect(paper.status).toBe('draft');
    expect(paper.sections).toHaveLength(8);
    expect(paper.sections.every((section) => section.html === '' && section.lix === 0)).toBe(true);

    const saved = await send('PUT', `/api/v1/papers/${paper.id}/sections`, caseOfficer, {
      sections: [
        {
          heading: 'INDSTILLING',
          html: '<p onclick="alert(1)">Det indstilles, at sagen drøftes.</p><script>alert(1)</script>',
        },
        {
          heading: 'SAGSFREMSTILLING',
          html: '<p>Der er bl.a. afsat ca. 2 mio. kr. til puljen jf. stk. 2. Fristen er d. 19. november.</p>',
        },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const after = saved.json() as Paper;
    expect(after.sections[0]!.html).toBe('<p>Det indstilles, at sagen drøftes.</p>');
    expect(after.sections[1]!.lix).toBe(20);
    expect(after.sections[1]!.readability.band).toBe('meget let');
  });

  it('enforces the cover limits with a clear message and writes nothing', async () => {
    const paper = (
      await send('POST', '/api/v1/papers', caseOfficer, {
        organizationId: councilId,
        title: 'Cover-test',
        paperDate: '2023-11-02',
      })
    ).json() as Paper;
    const long = Array.from({ length: 31 }, (_, index) => `ord${index}`).join(' ');
    const tooLongMessage = await send('PUT', `/api/v1/papers/${paper.id}/cover`, caseOfficer, {
      purpose: 'Formål.',
      keyMessages: ['Kort.', long],
    });
    expect(tooLongMessage.statusCode).toBe(400);
    expect((tooLongMessage.json() as ApiError).error.details).toEqual([
      { field: 'keyMessages.1', message: 'Hovedbudskab 2 må højst være 30 ord (nu 31).' },
    ]);
    const tooMany = await send('PUT', `/api/v1/papers/${paper.id}/cover`, caseOfficer, {
      keyMessages: ['a', 'b', 'c', 'd'],
    });
    expect(tooMany.statusCode).toBe(400);
    expect((tooMany.json() as ApiError).error.details[0]!.message).toBe(
      'Coveret må højst have 3 hovedbudskaber.',
    );
    const tooLongCover = await send('PUT', `/api/v1/papers/${paper.id}/cover`, caseOfficer, {
      purpose: Array.from({ length: 201 }, () => 'ord').join(' '),
    });
    expect((tooLongCover.json() as ApiError).error.details[0]!.message).toBe(
      'Coveret må højst være 200 ord (nu 201).',
    );
    const unchanged = (await get(`/api/v1/papers/${paper.id}`, caseOfficer)).json() as Paper;
    expect(unchanged.cover).toMatchObject({ purpose: null, keyMessages: [], words: 0 });

    const ok = await send('PUT', `/api/v1/papers/${paper.id}/cover`, caseOfficer, {
      purpose: 'Rådmanden orienteres om status.',
      keyMessages: ['Arbejdet er i gang.', 'Der er afholdt workshop.'],
      implications: 'Ingen.',
      requestedAction: 'orientering',
    });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as Paper).cover.words).toBe(4 + 4 + 4 + 1);
  });

  it('drafts a cover from the memo without saving it, and explains the draft', async () => {
    const response = await send(
      'POST',
      `/api/v1/papers/${demoPaperId}/cover-draft`,
      caseOfficer,
      {},
    );
    expect(response.statusCode).toBe(200);
    const draft = response.json() as {
      purpose: string;
      keyMessages: string[];
      requestedAction: string;
      explanation: { keyMessages: Array<{ heading: string; score: number }> };
    };
    expect(draft.purpose).toMatch(/^Sagen sendes for at orientere rådmanden om vinterhjælp/);
    expect(draft.requestedAction).toBe('droeftelse');
    expect(draft.keyMessages).toHaveLength(3);
    expect(draft.explanation.keyMessages[0]!.score).toBeGreaterThan(0);
    const stored = (await get(`/api/v1/papers/${demoPaperId}`, caseOfficer)).json() as Paper;
    expect(stored.cover.purpose).toMatch(/^Rådmanden orienteres/);
    expect(
      (await send('POST', `/api/v1/papers/${demoPaperId}/cover-draft`, memberReader, {}))
        .statusCode,
    ).toBe(403);
  });

  it('keeps every save as a version and diffs versions section by section', async () => {
    const paper = (
      await send('POST', '/api/v1/papers', caseOfficer, {
        organizationId: councilId,
        title: 'Versioneret sag',
        paperDate: '2023-11-04',
      })
    ).json() as Paper;
    await send('PUT', `/api/v1/papers/${paper.id}/sections`, caseOfficer, {
      sections: [{ heading: 'SAGSFREMSTILLING', html: '<p>Puljen er på to mio. kr.</p>' }],
    });
    await send('PUT', `/api/v1/papers/${paper.id}/sections`, caseOfficer, {
      sections: [
        { heading: 'SAGSFREMSTILLING', html: '<p>Puljen er på tre mio. kr.</p>' },
        { heading: 'ØKONOMI', html: '<p>Ingen merudgift.</p>' },
      ],
    });
    const versions = (await get(`/api/v1/papers/${paper.id}/versions`, caseOfficer)).json() as {
      data: Array<{ number: number; actor: string }>;
    };
    expect(versions.data.map((version) => version.number)).toEqual([3, 2, 1]);
    // By name, as the versions page shows people.
    expect(versions.data[0]!.actor).toBe('Test case_officer');

    const diff = (
      await get(`/api/v1/papers/${paper.id}/versions/compare?from=2&to=3`, caseOfficer)
    ).json() as {
      sections: Array<{
        heading: string;
        change: string;
        parts: Array<{ kind: string; text: string }>;
      }>;
    };
    const caseSection = diff.sections.find((section) => section.heading === 'SAGSFREMSTILLING')!;
    expect(caseSection.change).toBe('changed');
    expect(
      caseSection.parts.filter((part) => part.kind === 'removed').map((part) => part.text.trim()),
    ).toEqual(['to']);
    expect(
      caseSection.parts.filter((part) => part.kind === 'added').map((part) => part.text.trim()),
    ).toEqual(['tre']);
    expect(diff.sections.find((section) => section.heading === 'ØKONOMI')!.change).toBe('added');
    expect(diff.sections.find((section) => section.heading === 'Titel')!.change).toBe('unchanged');

    expect(
      (await get(`/api/v1/papers/${paper.id}/versions/compare?from=1&to=9`, caseOfficer))
        .statusCode,
    ).toBe(404);
    expect((await get(`/api/v1/papers/${demoPaperId}/versions`, memberReader)).statusCode).toBe(
      404,
    );
    const session = await signIn(t.app, caseOfficer);
    const page = await session.get(`/sager/${paper.id}/versioner`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ændringer fra version 2 til 3');
    expect(page.body).toContain('<del>to</del>');
  });

  it('validates the letterhead', async () => {
    const bad = await send('POST', '/api/v1/papers', caseOfficer, {
      organizationId: councilId,
      title: 'X',
      paperDate: '2023-02-30',
      caseNumber: '12026',
      email: 'ikke-en-mail',
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as ApiError).error.details.map((detail) => detail.field).sort();
    expect(fields).toEqual(['email', 'paperDate']);
    // The case number is checked against the receiving organization's pattern.
    const badCaseNumber = await send('POST', '/api/v1/papers', caseOfficer, {
      organizationId: councilId,
      title: 'X',
      paperDate: '2023-02-28',
      caseNumber: '12026',
    });
    expect(badCaseNumber.statusCode).toBe(400);
    expect((badCaseNumber.json() as ApiError).error.details).toEqual([
      { field: 'caseNumber', message: 'Sagsnummeret skal have formen EMN-2023-012026.' },
    ]);
  });

  it('shows drafts only to authors and the secretariat, and released papers to members', async () => {
    const draft = (
      await send('POST', '/api/v1/papers', caseOfficer, {
        organizationId: councilId,
        title: 'Hemmelig kladde',
        paperDate: '2023-11-03',
      })
    ).json() as Paper;
    expect((await get(`/api/v1/papers/${draft.id}`, secretary)).statusCode).toBe(200);
    expect((await get(`/api/v1/papers/${draft.id}`, memberReader)).statusCode).toBe(404);
    expect((await get(`/api/v1/papers/${demoPaperId}`, memberReader)).statusCode).toBe(200);
    const visible = (await get('/api/v1/papers', memberReader)).json() as { data: Paper[] };
    expect(visible.data.map((paper) => paper.title).sort()).toEqual([
      'Orientering om vinterhjælp til økonomisk trængte',
      'Status på Sammen om Opgaven',
    ]);
    const write = await send('PUT', `/api/v1/papers/${demoPaperId}/cover`, memberReader, {
      purpose: 'x',
    });
    expect(write.statusCode).toBe(403);
  });

  it('refuses to change a paper that is on an agenda', async () => {
    const response = await send('PUT', `/api/v1/papers/${demoPaperId}/sections`, secretary, {
      sections: [],
    });
    expect(response.statusCode).toBe(409);
    expect((response.json() as ApiError).error).toMatchObject({
      code: 'CONFLICT',
      message: 'Sagen er sendt videre og kan ikke ændres her.',
    });
  });

  it('refuses to link an agenda item to an unknown paper', async () => {
    // A coming meeting: the demo's rådmandsmøder are held, and a held agenda is locked.
    const coming = await send('POST', '/api/v1/meetings', secretary, {
      organizationId: councilId,
      title: 'Rådmandsmøde',
      start: '2023-11-20T09:00:00+01:00',
      end: '2023-11-20T10:00:00+01:00',
    });
    expect(coming.statusCode).toBe(201);
    const comingId = (coming.json() as { id: string }).id;
    const response = await send('POST', `/api/v1/meetings/${comingId}/items`, secretary, {
      title: 'Punkt',
      paperId: '00000000-0000-4000-8000-000000000000',
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ApiError).error.details[0]).toEqual({
      field: 'paperId',
      message: 'Sagen findes ikke.',
    });
  });
});

describe.skipIf(isEngineUnavailable())('section templates per organization', () => {
  let t: TestApp;
  let admin: TestUser;
  let secretary: TestUser;
  let caseOfficer: TestUser;
  let committeeId: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    admin = await createTestUser(t.database, 'administrator');
    secretary = await createTestUser(t.database, 'secretary');
    caseOfficer = await createTestUser(t.database, 'case_officer');
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(admin) })
    ).json() as {
      data: Array<{ id: string; classification: string }>;
    };
    committeeId = organizations.data.find(
      (organization) => organization.classification === 'udvalg',
    )!.id;
  });
  afterAll(() => t.close());

  const url = () => `/api/v1/organizations/${committeeId}/paper-template`;

  it('starts from the seed template and lets administrators set their own', async () => {
    const initial = (await t.app.inject({ url: url(), headers: bearer(caseOfficer) })).json() as {
      isDefault: boolean;
      headings: string[];
    };
    expect(initial.isDefault).toBe(true);
    expect(initial.headings[0]).toBe('INDSTILLING');

    const headings = ['Resumé', 'Sagsfremstilling', 'Økonomi', 'Lovgrundlag', 'Indstilling'];
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: url(),
          headers: bearer(secretary),
          payload: { headings },
        })
      ).statusCode,
    ).toBe(403);
    const saved = await t.app.inject({
      method: 'PUT',
      url: url(),
      headers: bearer(admin),
      payload: { headings },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, headings });

    const paper = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(caseOfficer),
      payload: { organizationId: committeeId, title: 'Udvalgssag', paperDate: '2023-11-05' },
    });
    expect(
      (paper.json() as { sections: Array<{ heading: string }> }).sections.map(
        (section) => section.heading,
      ),
    ).toEqual(headings);
  });

  it('refuses empty and duplicated headings and keeps the template', async () => {
    for (const headings of [[], ['Økonomi', 'økonomi'], ['']]) {
      const response = await t.app.inject({
        method: 'PUT',
        url: url(),
        headers: bearer(admin),
        payload: { headings },
      });
      expect(response.statusCode, JSON.stringify(headings)).toBe(400);
    }
    const current = (await t.app.inject({ url: url(), headers: bearer(admin) })).json() as {
      headings: string[];
    };
    expect(current.headings[0]).toBe('Resumé');
  });

  it('is edited in a page with one heading per line', async () => {
    const session = await signIn(t.app, admin);
    const page = await session.get('/sager/skabeloner');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Eget sæt afsnit');
    const saved = await session.post(`/sager/skabeloner/${committeeId}`, {
      headings: 'Resumé\nSagsfremstilling\n\nBeslutning',
    });
    expect(saved.statusCode).toBe(303);
    const current = (await t.app.inject({ url: url(), headers: bearer(admin) })).json() as {
      headings: string[];
    };
    expect(current.headings).toEqual(['Resumé', 'Sagsfremstilling', 'Beslutning']);
    const duplicate = await session.post(`/sager/skabeloner/${committeeId}`, { headings: 'A\na' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('Afsnittet &quot;a&quot; står der to gange.');
    const caseOfficerSession = await signIn(t.app, caseOfficer);
    expect((await caseOfficerSession.get('/sager/skabeloner')).statusCode).toBe(404);
  });
});
