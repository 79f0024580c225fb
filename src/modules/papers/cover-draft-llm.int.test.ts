import { and, eq } from 'drizzle-orm';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  createTestUser,
  type TestApp,
  type TestUser,
} from '../../../test/app-harness';
import { isEngineUnavailable } from '../../../test/database';
import { auditEvents } from '../../platform/audit/db-schema';

type Received = {
  authorization: string | undefined;
  body: { model: string; messages: Array<{ content: string }> };
};

/** An OpenAI-compatible endpoint in the test: answers with a cover, or fails when told to. */
async function startFakeModel(): Promise<{
  server: Server;
  baseUrl: string;
  received: Received[];
  fail: { now: boolean };
}> {
  const received: Received[] = [];
  const fail = { now: false };
  const server = createServer((request: IncomingMessage, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      received.push({
        authorization: request.headers.authorization,
        body: JSON.parse(raw) as Received['body'],
      });
      if (fail.now) {
        response.writeHead(503).end();
        return;
      }
      const cover = {
        purpose: 'Rådmanden orienteres om vinterhjælpen.',
        keyMessages: [
          'Hjælpen virkede.',
          'Behovet er stadig stort.',
          'Frivillige hjælper.',
          'Ekstra',
        ],
        implications: 'Ingen nye udgifter.',
        requestedAction: 'orientering',
      };
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          choices: [
            {
              message: { role: 'assistant', content: `Her er coveret:\n${JSON.stringify(cover)}` },
            },
          ],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}/v1`, received, fail };
}

describe.skipIf(isEngineUnavailable())('cover drafts from a configured language model', () => {
  let t: TestApp;
  let model: Awaited<ReturnType<typeof startFakeModel>>;
  let caseOfficer: TestUser;
  let paperId: string;

  beforeAll(async () => {
    model = await startFakeModel();
    t = await createTestApp({
      demo: true,
      config: { llm: { baseUrl: model.baseUrl, model: 'test-model', apiKey: 'hemmelig-noegle' } },
    });
    caseOfficer = await createTestUser(t.database, 'case_officer');
    const organizations = (
      await t.app.inject({ url: '/api/v1/organizations', headers: bearer(caseOfficer) })
    ).json() as { data: Array<{ id: string; classification: string }> };
    const paper = await t.app.inject({
      method: 'POST',
      url: '/api/v1/papers',
      headers: bearer(caseOfficer),
      payload: {
        organizationId: organizations.data.find((o) => o.classification === 'raadmandskreds')!.id,
        title: 'Vinterhjælp',
        paperDate: '2023-11-01',
      },
    });
    paperId = (paper.json() as { id: string }).id;
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/papers/${paperId}/sections`,
      headers: bearer(caseOfficer),
      payload: {
        sections: [
          { heading: 'SAGSFREMSTILLING', html: '<p>Vinterhjælpen hjalp 4.000 borgere i 2023.</p>' },
        ],
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => model.server.close(resolve));
  });

  const draft = () =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/papers/${paperId}/cover-draft`,
      headers: bearer(caseOfficer),
    });
  const auditOf = (action: string) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, paperId)));

  it('asks the model with the memo and the limits, and keeps prompt and answer in the audit log', async () => {
    const response = await draft();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      source: 'llm',
      purpose: 'Rådmanden orienteres om vinterhjælpen.',
      keyMessages: ['Hjælpen virkede.', 'Behovet er stadig stort.', 'Frivillige hjælper.'],
      requestedAction: 'orientering',
    });
    const [request] = model.received;
    expect(request!.authorization).toBe('Bearer hemmelig-noegle');
    expect(request!.body.model).toBe('test-model');
    expect(request!.body.messages[0]!.content).toContain('højst 30 ord');
    expect(request!.body.messages[1]!.content).toContain('Vinterhjælpen hjalp 4.000 borgere');
    const [event] = await auditOf('paper.cover.llmDraft');
    expect(JSON.stringify(event!.before)).toContain('Vinterhjælpen hjalp 4.000 borgere');
    expect(JSON.stringify(event!.after)).toContain('Behovet er stadig stort.');
    // Nothing is saved: the paper still has no cover.
    const paper = (
      await t.app.inject({ url: `/api/v1/papers/${paperId}`, headers: bearer(caseOfficer) })
    ).json() as { cover: { purpose: string | null } };
    expect(paper.cover.purpose).toBeNull();
  });

  it('falls back to the deterministic draft, saying why, when the model fails', async () => {
    model.fail.now = true;
    const response = await draft();
    expect(response.statusCode).toBe(200);
    const body = response.json() as { source: string; explanation: { purpose: string } };
    expect(body.source).toBe('rules');
    expect(body.explanation.purpose).toContain('Sprogmodellen kunne ikke skrive udkastet');
    const [event] = await auditOf('paper.cover.llmDraftFailed');
    expect(JSON.stringify(event!.after)).toContain('HTTP 503');
  });
});
