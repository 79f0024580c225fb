import { createHash } from 'node:crypto';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { z } from 'zod';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import type { PageContext } from '../../platform/http/layout';
import { sendStoredFile } from '../files/index';
import {
  findPublicAttachment,
  getPublicDocuments,
  getPublicMeeting,
  publicationKinds,
  listPublishedMeetings,
  type PublicMeeting,
  type PublishedMeeting,
} from '../publishing/index';
import { searchPublishedPage } from '../search/index';
import { writePublicCalendar, writeRss } from './feeds';
import { publicDocumentFileName, publicDocumentPdf } from './public-documents';
import * as service from './service';
import {
  PortalHomePage,
  PortalItemPage,
  PortalMeetingPage,
  PortalOrganizationPage,
  PortalSearchPage,
  portalPaths,
} from './views';

const idParams = z.object({ id: z.uuid() });
/** A meeting named by its id or its readable slug. */
const meetingParams = z.object({ ref: z.string().regex(/^[a-z0-9-]{1,200}$/) });

const itemParams = meetingParams.extend({ itemId: z.uuid() });
const attachmentParams = z.object({ attachmentId: z.uuid() });
const yearQuery = z.object({ aar: z.coerce.number().int().min(1900).max(2200).optional() });

const publicCache = 'public, max-age=60';
/** Public pages are the same for everyone, so they may be cached by anyone for a minute. */
const publicRoute = { config: { policy: 'public' } } as const;

/**
 * The page context of a public page: no actor (so no menu) and no CSRF token, since generating
 * one would start a session and set a cookie; the portal has no forms that post.
 */
export function publicContext(request: FastifyRequest): PageContext {
  return {
    actor: undefined,
    csrfToken: '',
    currentPath: request.url,
    accessibilityStatementUrl: request.server.config.accessibilityStatementUrl,
  };
}

/** Sends a body with a content-hash ETag, or 304 when the client has it already. */
function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string | Buffer,
  type: string,
  cacheControl = publicCache,
): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  reply.header('etag', etag).header('cache-control', cacheControl);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type(type).send(body);
}

function sendPublicPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: VNode,
  cacheControl = publicCache,
): FastifyReply {
  return sendCached(
    request,
    reply,
    `<!DOCTYPE html>\n${render(page)}`,
    'text/html; charset=utf-8',
    cacheControl,
  );
}

function parseOr404<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data;
}

/** Each published meeting with its publication's times and readable address, newest first. */
async function publishedMeetings(
  tx: Db,
  filter: { organizationId?: string } = {},
): Promise<Array<PublishedMeeting & { ref: string }>> {
  const published = await listPublishedMeetings(tx, filter);
  const slugs = await service.slugsOfMeetings(
    tx,
    published.map(({ meeting }) => meeting),
  );
  return published
    .map((entry) => ({
      ...entry,
      ref: slugs.get(entry.meeting.meetingId) ?? entry.meeting.meetingId,
    }))
    .sort((a, b) => b.meeting.start.localeCompare(a.meeting.start));
}

/**
 * The portal's front page, also what `/` shows a visitor who is not signed in (see home/); there
 * the same address is a signed-in user's own start page, so no shared cache may keep it.
 */
export async function sendPortalHome(
  request: FastifyRequest,
  reply: FastifyReply,
  cacheControl = publicCache,
): Promise<FastifyReply> {
  const organizations = await service.listPublicOrganizations(request.server.database.db);
  return sendPublicPage(
    request,
    reply,
    <PortalHomePage
      ctx={publicContext(request)}
      organizations={organizations}
      canonicalUrl={`${request.server.config.publicBaseUrl}${portalPaths.home}`}
    />,
    cacheControl,
  );
}

/** The public portal: published agendas and minutes, search, RSS and iCalendar; no login. */
export async function portalPages(app: FastifyInstance): Promise<void> {
  const db = () => app.database.db;
  const baseUrl = app.config.publicBaseUrl;

  const findMeeting = async (meetingId: string): Promise<PublicMeeting> => {
    const found = await getPublicMeeting(db(), meetingId);
    if (!found) throw new AppError('NOT_FOUND');
    return found.meeting;
  };
  /** The meeting id a reference names: an id as it is, a slug through the published meetings. */
  const resolveMeeting = async (ref: string): Promise<string> => {
    if (z.uuid().safeParse(ref).success) return ref;
    const meetingId = await service.meetingIdOfSlug(db(), ref);
    if (!meetingId) throw new AppError('NOT_FOUND');
    return meetingId;
  };
  /** The meeting's slug: the reference itself when it was one, else read (the id if none). */
  const slugOf = async (ref: string, id: string, meeting: PublicMeeting): Promise<string> =>
    ref === id ? ((await service.slugsOfMeetings(db(), [meeting])).get(id) ?? id) : ref;

  app.get(portalPaths.home, publicRoute, (request, reply) => sendPortalHome(request, reply));

  app.get('/offentlig/organisationer/:id', publicRoute, async (request, reply) => {
    const { id } = parseOr404(idParams, request.params);
    const { aar } = parseOr404(yearQuery, request.query);
    const found = await service.listOrganizationMeetings(db(), id, aar);
    if (!found) throw new AppError('NOT_FOUND');
    const slugs = await service.slugsOfMeetings(db(), found.meetings);
    return sendPublicPage(
      request,
      reply,
      <PortalOrganizationPage ctx={publicContext(request)} {...found} slugs={slugs} />,
    );
  });

  app.get('/offentlig/organisationer/:id/rss.xml', publicRoute, async (request, reply) => {
    const { id } = parseOr404(idParams, request.params);
    const meetings = await publishedMeetings(db(), { organizationId: id });
    const first = meetings[0];
    if (!first) throw new AppError('NOT_FOUND');
    const rss = writeRss({ organization: first.meeting.organization, meetings, baseUrl });
    return sendCached(request, reply, rss, 'application/rss+xml; charset=utf-8');
  });

  app.get(portalPaths.calendar, publicRoute, async (request, reply) => {
    const ics = writePublicCalendar(await publishedMeetings(db()), baseUrl);
    reply.header(
      'content-disposition',
      contentDisposition('offentlige-moeder.ics', { type: 'inline' }),
    );
    return sendCached(request, reply, ics, 'text/calendar; charset=utf-8');
  });

  // Both the id and the readable slug show the meeting; the canonical link names the slug.
  app.get('/offentlig/moeder/:ref', publicRoute, async (request, reply) => {
    const { ref } = parseOr404(meetingParams, request.params);
    const id = await resolveMeeting(ref);
    const documents = await getPublicDocuments(db(), id);
    // What the portal shows: the minutes, when published, say more than the agenda.
    const meeting = documents.minutes ?? documents.agenda;
    if (!meeting) throw new AppError('NOT_FOUND');
    const slug = await slugOf(ref, id, meeting);
    return sendPublicPage(
      request,
      reply,
      <PortalMeetingPage
        ctx={publicContext(request)}
        meeting={meeting}
        permalink={`${baseUrl}${portalPaths.meeting(slug)}`}
        slug={slug}
        documentKinds={publicationKinds.filter((kind) => documents[kind] !== undefined)}
      />,
    );
  });

  // The published agenda and minutes as PDF, typeset from the publications' snapshots.
  for (const kind of publicationKinds) {
    app.get(portalPaths.document(':ref', kind), publicRoute, async (request, reply) => {
      const { ref } = parseOr404(meetingParams, request.params);
      const meeting = (await getPublicDocuments(db(), await resolveMeeting(ref)))[kind];
      if (!meeting) throw new AppError('NOT_FOUND');
      const pdf = Buffer.from(publicDocumentPdf(meeting, kind));
      reply.header(
        'content-disposition',
        contentDisposition(publicDocumentFileName(meeting, kind), { type: 'inline' }),
      );
      return sendCached(request, reply, pdf, 'application/pdf');
    });
  }

  // Like the meeting, an item is found under the meeting's id or its readable slug.
  app.get('/offentlig/moeder/:ref/punkter/:itemId', publicRoute, async (request, reply) => {
    const { ref, itemId } = parseOr404(itemParams, request.params);
    const id = await resolveMeeting(ref);
    const meeting = await findMeeting(id);
    const item = meeting.items.find((candidate) => candidate.id === itemId);
    // A closed item has no page of its own: its neutral title on the meeting page is all there is.
    if (!item?.isPublic) throw new AppError('NOT_FOUND');
    const meetingRef = await slugOf(ref, id, meeting);
    return sendPublicPage(
      request,
      reply,
      <PortalItemPage
        ctx={publicContext(request)}
        meeting={meeting}
        meetingRef={meetingRef}
        item={item}
        canonicalUrl={`${baseUrl}${portalPaths.item(meetingRef, itemId)}`}
      />,
    );
  });

  // A limit per client keeps search, which no cache can answer for every query, from loading the server.
  const searchRoute = {
    config: { policy: 'public' as const, rateLimit: { max: 60, timeWindow: '1 minute' } },
  };
  app.get('/offentlig/soeg', searchRoute, async (request, reply) => {
    const state = await searchPublishedPage(db(), request.query);
    return sendPublicPage(
      request,
      reply,
      <PortalSearchPage ctx={publicContext(request)} state={state} />,
    );
  });

  app.get('/offentlig/bilag/:attachmentId', publicRoute, async (request, reply) => {
    const { attachmentId } = parseOr404(attachmentParams, request.params);
    const attachment = await findPublicAttachment(db(), attachmentId);
    if (!attachment) throw new AppError('NOT_FOUND');
    return sendStoredFile(request, reply, {
      tx: db(),
      blobs: app.blobs,
      sha256: attachment.sha256,
      fileName: attachment.fileName,
      cacheControl: publicCache,
      disposition: 'attachment',
    });
  });
}
