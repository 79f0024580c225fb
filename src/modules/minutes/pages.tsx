import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { render } from 'preact-render-to-string';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { can } from '../../platform/auth/policy';
import { AppError, isAppError } from '../../platform/errors';
import {
  fieldErrorsFrom,
  formList,
  formValue,
  parseForm,
  pathId,
  type FieldErrors,
} from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong, toLocalDate } from '../../platform/i18n/format';
import { meetingTopic, writeToMeeting } from './meeting-topic';
import { type RequestWrite, readAs, writeAs } from '../../platform/http/service-call';
import { getMeetingDetail, isMeetingLocked, listMeetings } from '../meetings/index';
import { listPersons, readOrganization } from '../organizations/index';
import { listAttendance, recordAttendance } from './attendance';
import { regretsPages } from './regrets-pages';
import { agendaComparisonRoutes } from './agenda-comparison-routes';
import { releasePreviewRoutes } from './release-preview-routes';
import { listSubstituteCandidates } from './substitutes';
import { carryOverItem, getItemHistory } from './carry-over';
import { createFollowUp, listMyFollowUps, setFollowUpStatus } from './follow-ups';
import { itemMinutesAbilities, maySignMinutes } from './policy';
import * as lifecycle from './lifecycle';
import { getLiveView } from './live-view';
import { currentRunItemId, nextRunItemId, readRecommendation } from './meeting-run';
import {
  addMinutesAddendum,
  getPhrases,
  listPhrases,
  replacePhrases,
  type PhraseList,
  saveItemMinutes,
  signOffMinutes,
} from './minutes';
import { getMinutesDocument } from './minutes-document';
import { minutesFileName, minutesToDocx, minutesToPdf } from './minutes-export';
import { dueDateField, phrasesBody } from './schemas';
import { AttendancePage } from './views/attendance-page';
import { ItemMinutesPage, type MinutesFormValues } from './views/item-minutes-page';
import { BigScreenBoard, BigScreenPage } from './views/big-screen-page';
import { LiveBoard } from './views/live-board';
import { LivePage } from './views/live-page';
import { MeetingRunPage } from './views/meeting-run-page';
import { MinutesPage } from './views/minutes-page';
import { MyFollowUpsPage } from './views/my-follow-ups-page';
import { PhrasesPage } from './views/phrases-page';

type FormBody = Record<string, string | string[] | undefined>;

const minutesForm = z.object({
  minutes: formValue.transform((value) => value.trim() || null),
  decision: formValue.transform((value) => value.trim() || null),
  revision: formValue.transform(Number).pipe(z.number().int().min(0).max(2_147_483_647)),
});

/** The form's values as typed; a phrase button's value is the decision it chose. */
function minutesValues(body: FormBody): MinutesFormValues {
  const phrase = typeof body.phrase === 'string' ? body.phrase : undefined;
  return {
    minutes: String(body.minutes ?? ''),
    decision: String(phrase ?? body.decision ?? ''),
    revision: String(body.revision ?? '0'),
  };
}

/**
 * What a minutes form saves: the text, and the decision only when the form had a decision
 * field or a phrase button (a held meeting's form has none: the decision stays as recorded).
 */
function minutesSaveInput(body: FormBody, form: z.output<typeof minutesForm>) {
  return {
    minutesText: form.minutes,
    decision: body.decision === undefined && body.phrase === undefined ? undefined : form.decision,
    expectedRevision: form.revision,
  };
}

const followUpForm = z.object({
  text: formValue.pipe(z.string().trim().min(1, { error: da.validation.required }).max(2000)),
  ownerPersonId: formValue.pipe(z.uuid({ error: da.validation.required })),
  dueDate: formValue.pipe(dueDateField),
});

const carryOverForm = z.object({
  targetMeetingId: formValue.pipe(z.uuid({ error: da.validation.required })),
  mode: formValue.pipe(z.enum(['postpone', 'repeat'])),
});

const attendanceForm = z.object({
  personId: formList,
  status: formList,
  guestItems: formList,
  reason: formList,
  substitute: formList,
});

/** Where a form posted from the meeting-run screen (tilbage=afvikling) returns to. */
function backTo(body: FormBody | undefined, meetingId: string, otherwise: string, itemId?: string) {
  if (body?.tilbage !== 'afvikling') return otherwise;
  return `/moeder/${meetingId}/afvikling${itemId ? `?punkt=${itemId}` : ''}`;
}

const runForm = z.object({ itemId: formValue.pipe(z.uuid()) });

/** How often the live page's event stream sends a comment, so proxies keep it open. */
const keepAliveMs = 20_000;

/** Pages for holding the meeting and keeping its minutes (Danish URLs under /moeder/:id). */
export async function minutesPages(app: FastifyInstance): Promise<void> {
  await regretsPages(app);
  await agendaComparisonRoutes(app);
  await releasePreviewRoutes(app);
  const db = () => app.database.db;
  const meetingUrl = (id: string) => `${app.config.publicBaseUrl}/moeder/${id}`;
  const itemIdOf = (request: FastifyRequest) => pathId(request.params, 'itemId');
  // Open event streams, ended when the server closes so shutdown does not wait for viewers.
  const openStreams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of openStreams) close();
  });

  /** A form post: one transaction, the meeting's live viewers told after it, then back to `to`. */
  const post = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    to: string,
    work: (ctx: RequestWrite) => Promise<unknown>,
  ) => {
    await writeToMeeting(request, meetingId, work);
    return redirectAfterPost(reply, to);
  };

  const lifecycleActions = [
    ['udsend', null],
    ['start', lifecycle.startMeeting],
    ['afslut', lifecycle.endMeeting],
  ] as const;
  for (const [path, action] of lifecycleActions) {
    app.post(
      `/moeder/:id/${path}`,
      { config: { policy: policies.staff } },
      async (request, reply) => {
        const id = pathId(request.params);
        const body = request.body as FormBody;
        if (action !== null) {
          return post(request, reply, id, backTo(body, id, `/moeder/${id}/live`), (ctx) =>
            action({ ...ctx, meetingId: id }),
          );
        }
        try {
          return await post(request, reply, id, `/moeder/${id}`, (ctx) =>
            lifecycle.releaseAgenda({
              ...ctx,
              meetingId: id,
              input: {
                changeNote: String(body.changeNote ?? '').trim() || null,
                lateReason: String(body.lateReason ?? '').trim() || null,
                meetingUrl: meetingUrl(id),
              },
            }),
          );
        } catch (error) {
          // A missing change note or late reason: back to the form, which marks the field.
          const field = isAppError(error) && error.status === 400 ? error.details[0]?.field : null;
          if (field !== 'changeNote' && field !== 'lateReason') throw error;
          return redirectAfterPost(reply, `/moeder/${id}?fejl=${field}#udsend`);
        }
      },
    );
  }

  app.post(
    '/moeder/:id/udsend-referat',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const confirmIncomplete = (request.body as FormBody).confirmIncomplete === '1';
      try {
        return await post(request, reply, id, `/moeder/${id}/referat`, (ctx) =>
          lifecycle.releaseMinutes({
            ...ctx,
            meetingId: id,
            input: { meetingUrl: meetingUrl(id), confirmIncomplete },
          }),
        );
      } catch (error) {
        // Items without minutes: the page again, listing them, with a button that confirms.
        if (!isAppError(error) || error.code !== 'MINUTES_INCOMPLETE') throw error;
        const incomplete = error.details.map((detail) => ({
          id: detail.field.replace(/^items\./, ''),
          text: detail.message,
        }));
        return renderMinutesPage(request, reply, { incomplete, status: 409 });
      }
    },
  );

  for (const [path, action] of [
    ['start', lifecycle.startItem],
    ['afslut', lifecycle.endItem],
  ] as const) {
    app.post(
      `/moeder/:id/punkter/:itemId/${path}`,
      { config: { policy: policies.staff } },
      async (request, reply) => {
        const id = pathId(request.params);
        const itemId = itemIdOf(request);
        const to = backTo(request.body as FormBody, id, `/moeder/${id}/live`, itemId);
        return post(request, reply, id, to, (ctx) => action({ ...ctx, meetingId: id, itemId }));
      },
    );
  }

  const liveView = async (request: FastifyRequest) => {
    const actor = requireActor(request);
    const view = await getLiveView({ ...readAs(request), meetingId: pathId(request.params) });
    const mayConduct = can(actor, 'meeting.conduct', {
      organizationId: view.detail.meeting.organizationId,
    });
    return { view, mayConduct };
  };

  app.get('/moeder/:id/live', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const { view, mayConduct } = await liveView(request);
    return sendHtml(
      reply,
      <LivePage ctx={pageContext(request, reply)} view={view} mayConduct={mayConduct} />,
    );
  });

  // The board alone, which the live page's script fetches when the meeting changes.
  app.get('/moeder/:id/live/tavle', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const { view, mayConduct } = await liveView(request);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        render(<LiveBoard ctx={pageContext(request, reply)} view={view} mayConduct={mayConduct} />),
      );
  });

  // Storskærm: the projector's page, and its board alone for live.js to swap in.
  app.get('/moeder/:id/storskaerm', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const { view } = await liveView(request);
    return sendHtml(reply, <BigScreenPage view={view} />);
  });
  app.get(
    '/moeder/:id/storskaerm/tavle',
    { config: { policy: 'signedIn' } },
    async (request, reply) => {
      const { view } = await liveView(request);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(render(<BigScreenBoard view={view} />));
    },
  );

  // Server-Sent Events: "change" when the meeting changes, "tick" each minute for the clocks.
  app.get('/moeder/:id/live/events', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const id = pathId(request.params);
    await lifecycle.requireVisibleMeeting({ ...readAs(request), meetingId: id });
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    stream.write('retry: 2000\n\n');
    const send = (event: string) => stream.write(`event: ${event}\ndata: ${id}\n\n`);
    const unsubscribe = app.liveEvents.subscribe(meetingTopic(id), () => send('change'));
    const tick = setInterval(() => send('tick'), 60_000);
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), keepAliveMs);
    const stop = () => {
      unsubscribe();
      clearInterval(tick);
      clearInterval(keepAlive);
      openStreams.delete(close);
    };
    const close = () => {
      stop();
      stream.end();
    };
    openStreams.add(close);
    stream.on('close', stop);
    stream.on('error', stop);
    // The viewer may have gone while the meeting was looked up.
    if (request.raw.destroyed || stream.destroyed) stop();
  });

  const renderMinutesPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { incomplete?: Array<{ id: string; text: string }>; status?: number } = {},
  ) => {
    const actor = requireActor(request);
    const doc = await getMinutesDocument({ ...readAs(request), meetingId: pathId(request.params) });
    return sendHtml(
      reply,
      <MinutesPage
        ctx={pageContext(request, reply)}
        doc={doc}
        abilities={{ maySign: maySignMinutes(actor, doc) }}
        incomplete={options.incomplete}
      />,
      options.status,
    );
  };

  app.get('/moeder/:id/referat', { config: { policy: 'signedIn' } }, async (request, reply) =>
    renderMinutesPage(request, reply),
  );

  for (const [path, format] of [
    ['/moeder/:id/referat.pdf', 'pdf'],
    ['/moeder/:id/referat.docx', 'docx'],
    ['/api/v1/meetings/:id/minutes.pdf', 'pdf'],
    ['/api/v1/meetings/:id/minutes.docx', 'docx'],
  ] as const) {
    const schema = path.startsWith('/api/')
      ? {
          tags: ['Mødeafvikling og referat'],
          summary: `Referatet som ${format === 'pdf' ? 'PDF (PDF/UA-1)' : 'Word-fil (punkterne som overskrifter)'}`,
        }
      : { hide: true };
    app.get(path, { config: { policy: 'signedIn' }, schema }, async (request, reply) => {
      const doc = await getMinutesDocument({
        ...readAs(request),
        meetingId: pathId(request.params),
      });
      if (!doc.isReadable) throw new AppError('NOT_FOUND');
      const bytes = format === 'pdf' ? minutesToPdf(doc) : await minutesToDocx(doc);
      return reply
        .type(
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        )
        .header('cache-control', 'private, no-cache')
        .header(
          'content-disposition',
          contentDisposition(minutesFileName(doc, format), { type: 'attachment' }),
        )
        .send(Buffer.from(bytes));
    });
  }

  app.post(
    '/moeder/:id/referat/godkend',
    { config: { policy: policies.signers } },
    async (request, reply) => {
      const id = pathId(request.params);
      return post(request, reply, id, `/moeder/${id}/referat`, (ctx) =>
        signOffMinutes({ ...ctx, meetingId: id }),
      );
    },
  );

  const renderItemForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      values?: MinutesFormValues;
      errors?: FieldErrors;
      followUpErrors?: FieldErrors;
      conflict?: boolean;
      status?: number;
    } = {},
  ) => {
    const actor = requireActor(request);
    const id = pathId(request.params);
    const itemId = itemIdOf(request);
    const ctx = readAs(request);
    const doc = await getMinutesDocument({ ...ctx, meetingId: id });
    const item = doc.detail.plan.items.find((candidate) => candidate.id === itemId);
    if (!item || !doc.mayConduct || item.isRedacted) throw new AppError('NOT_FOUND');
    const meeting = doc.detail.meeting;
    const [phrases, history, persons, later] = await Promise.all([
      listPhrases(ctx.tx, meeting.organizationId),
      getItemHistory({ ...ctx, meetingId: id, itemId }),
      listPersons(ctx),
      listMeetings({ ...ctx, filter: { from: toLocalDate(meeting.startsAt) } }),
    ]);
    const saved: MinutesFormValues = {
      minutes: item.minutesText ?? '',
      decision: item.decision ?? '',
      revision: String(item.minutesRevision),
    };
    return sendHtml(
      reply,
      <ItemMinutesPage
        ctx={pageContext(request, reply)}
        abilities={itemMinutesAbilities(meeting)}
        doc={doc}
        item={item}
        phrases={phrases}
        // After a conflict the form keeps what the user wrote, on top of the new revision.
        values={options.values ? { ...options.values, revision: saved.revision } : saved}
        errors={options.errors ?? {}}
        followUpErrors={options.followUpErrors}
        conflict={
          options.conflict ? { minutes: item.minutesText, decision: item.decision } : undefined
        }
        history={history}
        persons={persons.map((person) => ({ value: person.id, label: person.name }))}
        laterMeetings={later
          .filter(
            (candidate) => candidate.id !== meeting.id && candidate.startsAt > meeting.startsAt,
          )
          .filter((candidate) =>
            can(actor, 'agendaItem.write', { organizationId: candidate.organizationId }),
          )
          .map((candidate) => ({
            value: candidate.id,
            label: `${candidate.organizationName}: ${candidate.title}, ${formatDateLong(candidate.startsAt)}`,
          }))}
      />,
      options.status,
    );
  };

  app.get(
    '/moeder/:id/punkter/:itemId/referat',
    { config: { policy: policies.staff } },
    async (request, reply) => renderItemForm(request, reply),
  );

  app.post(
    '/moeder/:id/punkter/:itemId/referat',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const itemId = itemIdOf(request);
      const body = request.body as FormBody;
      const values = minutesValues(body);
      const parsed = parseForm(minutesForm, values);
      if (!parsed.ok)
        return renderItemForm(request, reply, { values, errors: parsed.errors, status: 400 });
      try {
        await writeToMeeting(request, id, (ctx) =>
          saveItemMinutes({
            ...ctx,
            meetingId: id,
            itemId,
            input: minutesSaveInput(body, parsed.data),
          }),
        );
      } catch (error) {
        if (error instanceof AppError && error.code === 'MINUTES_CONFLICT') {
          return renderItemForm(request, reply, { values, conflict: true, status: 409 });
        }
        return renderItemForm(request, reply, {
          values,
          errors: fieldErrorsFrom(error),
          status: 400,
        });
      }
      return redirectAfterPost(reply, `/moeder/${id}/referat#punkt-${itemId}`);
    },
  );

  app.post(
    '/moeder/:id/punkter/:itemId/tilfoejelser',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const itemId = itemIdOf(request);
      const text = String((request.body as FormBody).text ?? '').trim();
      if (!text) {
        return renderItemForm(request, reply, {
          errors: { text: da.validation.required },
          status: 400,
        });
      }
      return post(request, reply, id, `/moeder/${id}/referat#punkt-${itemId}`, (ctx) =>
        addMinutesAddendum({ ...ctx, meetingId: id, itemId, text }),
      );
    },
  );

  app.post(
    '/moeder/:id/punkter/:itemId/opfoelgninger',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const itemId = itemIdOf(request);
      const parsed = parseForm(followUpForm, request.body);
      if (!parsed.ok) {
        return renderItemForm(request, reply, { followUpErrors: parsed.errors, status: 400 });
      }
      const to = backTo(
        request.body as FormBody,
        id,
        `/moeder/${id}/punkter/${itemId}/referat`,
        itemId,
      );
      return post(request, reply, id, to, (ctx) =>
        createFollowUp({ ...ctx, meetingId: id, itemId, input: parsed.data }),
      );
    },
  );

  app.post(
    '/moeder/:id/punkter/:itemId/videre',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const itemId = itemIdOf(request);
      const parsed = parseForm(carryOverForm, request.body);
      if (!parsed.ok) return renderItemForm(request, reply, { errors: parsed.errors, status: 400 });
      const copy = await writeToMeeting(request, id, (ctx) =>
        carryOverItem({ ...ctx, meetingId: id, itemId, input: parsed.data }),
      );
      return redirectAfterPost(reply, `/moeder/${copy.meetingId}#punkt-${copy.id}`);
    },
  );

  const renderRun = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      itemId?: string;
      values?: MinutesFormValues;
      errors?: FieldErrors;
      conflict?: boolean;
      status?: number;
    } = {},
  ) => {
    const id = pathId(request.params);
    const ctx = readAs(request);
    const now = new Date();
    const [view, doc] = await Promise.all([
      getLiveView({ ...ctx, meetingId: id, now }),
      getMinutesDocument({ ...ctx, meetingId: id }),
    ]);
    if (!doc.mayConduct) throw new AppError('NOT_FOUND');
    const requested = options.itemId ?? (request.query as { punkt?: string }).punkt;
    const itemId = currentRunItemId(view, requested);
    const item = doc.detail.plan.items.find((candidate) => candidate.id === itemId);
    const [phrases, persons, recommendation] = await Promise.all([
      listPhrases(ctx.tx, doc.detail.meeting.organizationId),
      listPersons(ctx),
      readRecommendation({ ...ctx, paperId: item?.paperId ?? null }),
    ]);
    const saved: MinutesFormValues = {
      minutes: item?.minutesText ?? '',
      decision: item?.decision ?? '',
      revision: String(item?.minutesRevision ?? 0),
    };
    return sendHtml(
      reply,
      <MeetingRunPage
        ctx={pageContext(request, reply)}
        view={view}
        doc={doc}
        item={item}
        nextItemId={item ? nextRunItemId(view, item.id) : null}
        recommendation={recommendation}
        phrases={phrases}
        values={options.values ? { ...options.values, revision: saved.revision } : saved}
        errors={options.errors ?? {}}
        conflict={
          options.conflict && item
            ? { minutes: item.minutesText, decision: item.decision }
            : undefined
        }
        persons={persons.map((person) => ({ value: person.id, label: person.name }))}
        now={now}
      />,
      options.status,
    );
  };

  app.get('/moeder/:id/afvikling', { config: { policy: policies.staff } }, async (request, reply) =>
    renderRun(request, reply),
  );

  // The screen's form: saved as you go (meeting-run.js asks for JSON) or by its buttons; "next"
  // saves, starts the next item while the meeting is open and shows it.
  app.post(
    '/moeder/:id/afvikling',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const body = request.body as FormBody;
      const wantsJson = (request.headers.accept ?? '').includes('application/json');
      const target = runForm.safeParse(body);
      if (!target.success) throw new AppError('VALIDATION_FAILED');
      const { itemId } = target.data;
      const values = minutesValues(body);
      const parsed = parseForm(minutesForm, values);
      if (!parsed.ok) {
        if (wantsJson) {
          return reply.status(400).send({
            error: { code: 'VALIDATION_FAILED', message: da.errors.VALIDATION_FAILED },
          });
        }
        return renderRun(request, reply, { itemId, values, errors: parsed.errors, status: 400 });
      }
      const goNext = body.next === '1';
      let outcome: { revision: number; nextItemId: string | null };
      try {
        outcome = await writeToMeeting(request, id, async (ctx) => {
          const saved = await saveItemMinutes({
            ...ctx,
            meetingId: id,
            itemId,
            input: minutesSaveInput(body, parsed.data),
          });
          if (!goNext) return { revision: saved.minutesRevision, nextItemId: null };
          const view = await getLiveView({ ...ctx, meetingId: id });
          const nextItemId = nextRunItemId(view, itemId);
          if (nextItemId && view.detail.meeting.status === 'in_progress') {
            await lifecycle.startItem({ ...ctx, meetingId: id, itemId: nextItemId });
          }
          return { revision: saved.minutesRevision, nextItemId };
        });
      } catch (error) {
        const isConflict = isAppError(error) && error.code === 'MINUTES_CONFLICT';
        if (wantsJson && isAppError(error)) {
          return reply
            .status(error.status)
            .send({ error: { code: error.code, message: error.message } });
        }
        if (isConflict) {
          return renderRun(request, reply, { itemId, values, conflict: true, status: 409 });
        }
        return renderRun(request, reply, {
          itemId,
          values,
          errors: fieldErrorsFrom(error),
          status: 400,
        });
      }
      if (wantsJson) {
        return reply.send({ revision: outcome.revision, savedAt: new Date().toISOString() });
      }
      return redirectAfterPost(
        reply,
        `/moeder/${id}/afvikling?punkt=${outcome.nextItemId ?? itemId}`,
      );
    },
  );

  const renderAttendance = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldErrors = {},
    status?: number,
  ) => {
    const actor = requireActor(request);
    const id = pathId(request.params);
    const ctx = readAs(request);
    const meeting = await lifecycle.requireVisibleMeeting({ ...ctx, meetingId: id });
    if (!can(actor, 'meeting.conduct', { organizationId: meeting.organizationId })) {
      throw new AppError('FORBIDDEN');
    }
    const [detail, entries, persons, candidates] = await Promise.all([
      getMeetingDetail({ ...ctx, meetingId: id }),
      listAttendance(ctx.tx, meeting),
      listPersons(ctx),
      listSubstituteCandidates({ ...ctx, meeting }),
    ]);
    return sendHtml(
      reply,
      <AttendancePage
        ctx={pageContext(request, reply)}
        detail={detail}
        entries={entries}
        persons={persons.map((person) => ({ value: person.id, label: person.name }))}
        candidates={candidates.map((candidate) => ({
          value: candidate.personId,
          label: candidate.isSubstitute
            ? `${candidate.name} (${da.minutes.attendance.substitute.toLowerCase()})`
            : candidate.name,
        }))}
        isLocked={isMeetingLocked(meeting)}
        errors={errors}
      />,
      status,
    );
  };

  app.get('/moeder/:id/fremmoede', { config: { policy: policies.staff } }, async (request, reply) =>
    renderAttendance(request, reply),
  );

  app.post(
    '/moeder/:id/fremmoede',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const id = pathId(request.params);
      const form = attendanceForm.parse(request.body ?? {});
      const statuses = new Set(['attending', 'sent_regrets', 'absent', 'guest']);
      const rows = form.personId.flatMap((personId, index) => {
        const status = form.status[index] ?? '';
        if (!personId) return [];
        const item = form.guestItems[index] ?? '';
        const reason = form.reason[index]?.trim() || null;
        return [{ personId, status, reason, itemIds: status === 'guest' && item ? [item] : [] }];
      });
      // A stedfortræder chosen beside a member becomes their own row, "deltager" for that member.
      const substitutes = form.substitute.flatMap((personId, index) => {
        const forPersonId = form.personId[index];
        return personId && forPersonId
          ? [{ personId, status: 'attending', reason: null, itemIds: [], forPersonId }]
          : [];
      });
      if (
        [...rows, ...substitutes].some(
          (row) => !statuses.has(row.status) || !z.uuid().safeParse(row.personId).success,
        ) ||
        rows.some((row) => (row.reason?.length ?? 0) > 500)
      ) {
        return renderAttendance(request, reply, { form: da.errors.VALIDATION_FAILED }, 400);
      }
      try {
        await writeAs(request, (ctx) =>
          recordAttendance({
            ...ctx,
            meetingId: id,
            input: [
              ...rows.map((row) => ({ ...row, status: row.status as 'attending' })),
              ...substitutes.map(({ forPersonId, ...row }) => ({
                ...row,
                status: 'attending' as const,
                substituteForPersonId: forPersonId,
              })),
            ],
          }),
        );
      } catch (error) {
        return renderAttendance(request, reply, fieldErrorsFrom(error), 400);
      }
      return redirectAfterPost(reply, `/moeder/${id}/referat`);
    },
  );

  const renderPhrases = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      phrases?: PhraseList;
      errors?: FieldErrors;
      saved?: boolean;
      status?: number;
    } = {},
  ) => {
    const actor = requireActor(request);
    const organizationId = pathId(request.params);
    const organization = await readOrganization({ tx: db() }, organizationId);
    if (!organization || !can(actor, 'meeting.conduct', { organizationId })) {
      throw new AppError('NOT_FOUND');
    }
    return sendHtml(
      reply,
      <PhrasesPage
        ctx={pageContext(request, reply)}
        organization={organization}
        phrases={options.phrases ?? (await getPhrases({ ...readAs(request), organizationId }))}
        errors={options.errors ?? {}}
        saved={options.saved ?? false}
      />,
      options.status,
    );
  };

  app.get(
    '/referat/formuleringer/:id',
    { config: { policy: policies.staff } },
    async (request, reply) =>
      renderPhrases(request, reply, { saved: (request.query as { gemt?: string }).gemt === '1' }),
  );

  app.post(
    '/referat/formuleringer/:id',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const organizationId = pathId(request.params);
      const body = request.body as FormBody;
      const phrases = String(body.phrases ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      const approvingPhrase = String(body.approvingPhrase ?? '').trim() || null;
      const entered = { phrases, approvingPhrase };
      const parsed = phrasesBody.safeParse(entered);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return renderPhrases(request, reply, {
          phrases: entered,
          errors: {
            [issue?.path[0] === 'approvingPhrase' ? 'approvingPhrase' : 'phrases']:
              issue?.message ?? da.errors.VALIDATION_FAILED,
          },
          status: 400,
        });
      }
      try {
        await writeAs(request, (ctx) =>
          replacePhrases({
            ...ctx,
            organizationId,
            phrases: parsed.data.phrases,
            approvingPhrase: parsed.data.approvingPhrase ?? null,
          }),
        );
      } catch (error) {
        return renderPhrases(request, reply, {
          phrases: entered,
          errors: fieldErrorsFrom(error),
          status: 400,
        });
      }
      return redirectAfterPost(reply, `/referat/formuleringer/${organizationId}?gemt=1`);
    },
  );

  app.get('/opfoelgninger', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const actor = requireActor(request);
    const followUps = await listMyFollowUps({ ...readAs(request) });
    return sendHtml(
      reply,
      <MyFollowUpsPage
        ctx={pageContext(request, reply)}
        followUps={followUps}
        hasPerson={actor.kind === 'user' && actor.personId !== null}
      />,
    );
  });

  app.post(
    '/opfoelgninger/:id/status',
    { config: { policy: 'signedIn' } },
    async (request, reply) => {
      const id = pathId(request.params);
      const status = (request.body as FormBody).status === 'open' ? 'open' : 'done';
      await writeAs(request, (ctx) => setFollowUpStatus({ ...ctx, followUpId: id, status }));
      return redirectAfterPost(reply, '/opfoelgninger');
    },
  );
}
