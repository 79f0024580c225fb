import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policies } from '../../platform/auth/route-policy';
import { requireActor } from '../../platform/auth/plugin';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { fieldErrorsFrom, parseForm, pathId, type FieldErrors } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { listOrganizations, type OrganizationRow } from '../organizations/index';
import { coverFormFields, paperFormFields, sectionsFormFields, type FormBody } from './forms';
import {
  coverBody,
  paperCreateBody,
  paperUpdateBody,
  sectionsBody,
  paperRulesBody,
  sectionTemplateBody,
} from './schemas';
import { getPaperRules, rulesFor, savePaperRules } from './paper-rules';
import { z } from 'zod';
import type { CoverDraft } from './cover-draft';
import { draftCoverFor, saveCover } from './paper-cover';
import { reopenPaper, setPaperStatus } from './paper-status';
import { createPaper, requireEditable, savePaper } from './paper-editing';
import { getSectionTemplate, saveSectionTemplate } from './section-templates';
import type { PaperDetail } from './paper-reading';
import { listPapers, getPaper, listVersions, compareVersions } from './paper-reading';
import { readMultipart } from '../../platform/http/upload';
import { cleanFileName, inTransactionWithFiles } from '../files/index';
import { da } from '../../platform/i18n/da';
import { readAs, writeAs } from '../../platform/http/service-call';
import { importWordPaper, type WordImport } from './word-import';
import { sendAttachmentFile } from './attachment-routes';
import { addAttachments, moveAttachment, removeAttachment, renameAttachment } from './attachments';
import { CoverPage, type CoverFormValues } from './views/cover-page';
import { EditPaperPage } from './views/edit-paper-page';
import type { PaperFormValues } from './views/letterhead-fields';
import { NewPaperPage } from './views/new-paper-page';
import { PaperListPage } from './views/paper-list-page';
import { PaperPage } from './views/paper-page';
import { SectionTemplatesPage, type PaperRulesFormValues } from './views/section-templates-page';
import { VersionsPage } from './views/versions-page';

const recipientClassifications = new Set<OrganizationRow['classification']>([
  'raadmandskreds',
  'udvalg',
  'magistrat',
  'byraad',
  'direktion',
]);

const compareQuery = z.object({
  fra: z.coerce.number().int().positive().optional(),
  til: z.coerce.number().int().positive().optional(),
});

function paperId(request: FastifyRequest): string {
  return pathId(request.params);
}

function attachmentIdOf(request: FastifyRequest): string {
  return pathId(request.params, 'attachmentId');
}

const refusedUploadCodes = new Set([
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'FILE_TYPE_NOT_ALLOWED',
  'FILE_UNREADABLE',
]);

function firstValues(body: FormBody): PaperFormValues {
  const pick = (value: string | string[] | undefined) =>
    Array.isArray(value) ? value.join('\n') : value;
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, pick(value)]));
}

function detailValues(detail: PaperDetail): PaperFormValues {
  const { paper } = detail;
  return {
    kind: paper.kind,
    title: paper.title,
    senderUnitId: paper.senderUnitId ?? '',
    addressee: paper.addressee,
    paperDate: paper.paperDate,
    caseNumber: paper.caseNumber ?? '',
    caseOfficers: paper.caseOfficers.join('\n'),
    phone: paper.phone ?? '',
    email: paper.email ?? '',
  };
}

/** Pages for writing memos: list, new draft, view with readability, edit, and the short cover. */
export async function paperPages(app: FastifyInstance): Promise<void> {
  const db = () => app.database.db;

  const organizationOptions = async (request: FastifyRequest) => {
    const organizations = await listOrganizations({ actor: requireActor(request), tx: db() });
    const option = (organization: OrganizationRow) => ({
      value: organization.id,
      label: organization.name,
    });
    return {
      recipients: organizations
        .filter((organization) => recipientClassifications.has(organization.classification))
        .map(option),
      units: organizations
        .filter((organization) => organization.classification === 'enhed')
        .map(option),
    };
  };

  app.get('/sager', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const actor = requireActor(request);
    const papers = await listPapers(readAs(request));
    return sendHtml(
      reply,
      <PaperListPage
        ctx={pageContext(request, reply)}
        papers={papers}
        abilities={{
          mayWrite: can(actor, 'paper.write'),
          mayReadTemplates: can(actor, 'template.read'),
        }}
      />,
    );
  });

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: PaperFormValues,
    errors: FieldErrors,
    status?: number,
  ) => {
    if (!can(requireActor(request), 'paper.write')) throw new AppError('FORBIDDEN');
    const { recipients, units } = await organizationOptions(request);
    return sendHtml(
      reply,
      <NewPaperPage
        ctx={pageContext(request, reply)}
        values={values}
        errors={errors}
        organizations={recipients}
        units={units}
      />,
      status,
    );
  };

  const renderTemplates = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      errors?: Record<string, FieldErrors>;
      values?: Record<string, string>;
      ruleErrors?: Record<string, FieldErrors>;
      ruleValues?: Record<string, PaperRulesFormValues>;
      status?: number;
    } = {},
  ) => {
    const actor = requireActor(request);
    if (!can(actor, 'template.read')) throw new AppError('NOT_FOUND');
    const organizations = await listOrganizations(readAs(request));
    const recipients = organizations.filter((organization) =>
      recipientClassifications.has(organization.classification),
    );
    const templates = await Promise.all(
      recipients.map(async (organization) => ({
        ...(await getSectionTemplate({
          ...readAs(request),
          organizationId: organization.id,
        })),
        organizationName: organization.name,
        rules: await getPaperRules({ ...readAs(request), organizationId: organization.id }),
      })),
    );
    return sendHtml(
      reply,
      <SectionTemplatesPage
        ctx={pageContext(request, reply)}
        templates={templates}
        mayManage={can(actor, 'template.manage')}
        errors={options.errors ?? {}}
        values={options.values ?? {}}
        ruleErrors={options.ruleErrors ?? {}}
        ruleValues={options.ruleValues ?? {}}
      />,
      options.status,
    );
  };

  app.post(
    '/sager/skabeloner/:id/regler',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const organizationId = paperId(request);
      const body = (request.body ?? {}) as FormBody;
      const text = (name: string) => {
        const value = body[name];
        return (Array.isArray(value) ? value[0] : value) ?? '';
      };
      const values: PaperRulesFormValues = {
        coverMaxWords: text('coverMaxWords'),
        keyMessageMaxWords: text('keyMessageMaxWords'),
        coverRequired: text('coverRequired') === 'on',
        caseNumberPattern: text('caseNumberPattern'),
        caseNumberExample: text('caseNumberExample'),
        submissionDeadlineWorkingDays: text('submissionDeadlineWorkingDays'),
      };
      const fail = (errors: FieldErrors) =>
        renderTemplates(request, reply, {
          ruleErrors: { [organizationId]: errors },
          ruleValues: { [organizationId]: values },
          status: 400,
        });
      const parsed = parseForm(paperRulesBody, values);
      if (!parsed.ok) return fail(parsed.errors);
      try {
        await writeAs(request, (ctx) =>
          savePaperRules({ ...ctx, organizationId, rules: parsed.data }),
        );
      } catch (error) {
        return fail(fieldErrorsFrom(error));
      }
      return redirectAfterPost(reply, '/sager/skabeloner');
    },
  );

  app.get('/sager/skabeloner', { config: { policy: policies.staff } }, async (request, reply) =>
    renderTemplates(request, reply),
  );

  app.post(
    '/sager/skabeloner/:id',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const organizationId = paperId(request);
      const raw = (request.body as FormBody | undefined)?.headings;
      const text = Array.isArray(raw) ? raw.join('\n') : (raw ?? '');
      const headings = text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      const parsed = parseForm(sectionTemplateBody, { headings });
      const fail = (errors: FieldErrors) =>
        renderTemplates(request, reply, {
          errors: { [organizationId]: { headings: Object.values(errors)[0] ?? '' } },
          values: { [organizationId]: text },
          status: 400,
        });
      if (!parsed.ok) return fail(parsed.errors);
      try {
        await writeAs(request, (ctx) =>
          saveSectionTemplate({ ...ctx, organizationId, headings: parsed.data.headings }),
        );
      } catch (error) {
        return fail(fieldErrorsFrom(error));
      }
      return redirectAfterPost(reply, '/sager/skabeloner');
    },
  );

  app.get('/sager/ny', { config: { policy: policies.writers } }, async (request, reply) =>
    renderNew(request, reply, { paperDate: new Date().toISOString().slice(0, 10) }, {}),
  );

  app.post('/sager/ny', { config: { policy: policies.writers } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const fields = parseForm(paperFormFields, body);
    const parsed = fields.ok ? parseForm(paperCreateBody, fields.data) : fields;
    if (!parsed.ok) return renderNew(request, reply, firstValues(body), parsed.errors, 400);
    try {
      const paper = await writeAs(request, (ctx) => createPaper({ ...ctx, input: parsed.data }));
      return redirectAfterPost(reply, `/sager/${paper.id}/rediger`);
    } catch (error) {
      return renderNew(request, reply, firstValues(body), fieldErrorsFrom(error), 400);
    }
  });

  const renderPaper = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { uploadErrors?: FieldErrors; status?: number } = {},
  ) => {
    const actor = requireActor(request);
    const detail = await getPaper({ ...readAs(request), paperId: paperId(request) });
    const organizations = await listOrganizations(readAs(request));
    const senderUnitName =
      organizations.find((organization) => organization.id === detail.paper.senderUnitId)?.name ??
      null;
    const mayEdit =
      can(actor, 'paper.write', { organizationId: detail.paper.organizationId }) &&
      ['draft', 'returned'].includes(detail.paper.status);
    return sendHtml(
      reply,
      <PaperPage
        ctx={pageContext(request, reply)}
        detail={detail}
        senderUnitName={senderUnitName}
        mayEdit={mayEdit}
        mayReadDrafts={can(actor, 'paper.readDraft', {
          organizationId: detail.paper.organizationId,
        })}
        mayReopen={
          detail.paper.status === 'on_agenda' &&
          can(actor, 'paper.write', { organizationId: detail.paper.organizationId })
        }
        mayMarkTreated={
          detail.paper.status === 'on_agenda' &&
          can(actor, 'agendaItem.write', { organizationId: detail.paper.organizationId })
        }
        rules={await rulesFor(db(), detail.paper.organizationId)}
        maxUploadMb={Math.round(app.config.uploadMaxBytes / (1024 * 1024))}
        uploadErrors={options.uploadErrors}
      />,
      options.status,
    );
  };

  app.get('/sager/:id', { config: { policy: 'signedIn' } }, async (request, reply) =>
    renderPaper(request, reply),
  );

  app.post(
    '/sager/:id/genaabn',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const id = paperId(request);
      await writeAs(request, (ctx) => reopenPaper({ ...ctx, paperId: id }));
      return redirectAfterPost(reply, `/sager/${id}/rediger`);
    },
  );

  app.post(
    '/sager/:id/behandlet',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const id = paperId(request);
      await writeAs(request, (ctx) => setPaperStatus({ ...ctx, paperId: id, status: 'treated' }));
      return redirectAfterPost(reply, `/sager/${id}`);
    },
  );

  app.get('/bilag/:id', { config: { policy: 'signedIn' } }, async (request, reply) =>
    sendAttachmentFile(app, request, reply, pathId(request.params)),
  );

  app.post(
    '/sager/:id/bilag',
    { config: { policy: policies.writers, acceptsUploads: true } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = paperId(request);
      try {
        const { files, fields } = readMultipart(request);
        await inTransactionWithFiles(
          db(),
          app.blobs,
          { maxBytes: app.config.uploadMaxBytes },
          (tx, storeFile) =>
            addAttachments({
              actor,
              tx,
              storeFile,
              paperId: id,
              uploads: files.map((file) => ({
                ...file,
                title: files.length === 1 ? fields.title : undefined,
              })),
            }),
        );
      } catch (error) {
        // A refused file (type, size, damage) is shown at the form with its own status.
        if (!(error instanceof AppError) || !refusedUploadCodes.has(error.code)) throw error;
        const errors: FieldErrors = {};
        for (const detail of error.details) errors[detail.field] ??= detail.message;
        if (Object.keys(errors).length === 0) errors.file = error.message;
        return renderPaper(request, reply, { uploadErrors: errors, status: error.status });
      }
      return redirectAfterPost(reply, `/sager/${id}#bilag`);
    },
  );

  app.post(
    '/sager/:id/bilag/:attachmentId',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const id = paperId(request);
      const title = (request.body as FormBody | undefined)?.title;
      try {
        await writeAs(request, (ctx) =>
          renameAttachment({
            ...ctx,
            paperId: id,
            attachmentId: attachmentIdOf(request),
            title: String(title ?? ''),
          }),
        );
      } catch (error) {
        return renderPaper(request, reply, { uploadErrors: fieldErrorsFrom(error), status: 400 });
      }
      return redirectAfterPost(reply, `/sager/${id}#bilag`);
    },
  );

  app.post(
    '/sager/:id/bilag/:attachmentId/flyt',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const id = paperId(request);
      const direction = (request.body as FormBody | undefined)?.retning === 'op' ? 'up' : 'down';
      await writeAs(request, (ctx) =>
        moveAttachment({ ...ctx, paperId: id, attachmentId: attachmentIdOf(request), direction }),
      );
      return redirectAfterPost(reply, `/sager/${id}#bilag`);
    },
  );

  app.post(
    '/sager/:id/bilag/:attachmentId/slet',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const id = paperId(request);
      await writeAs(request, (ctx) =>
        removeAttachment({ ...ctx, paperId: id, attachmentId: attachmentIdOf(request) }),
      );
      return redirectAfterPost(reply, `/sager/${id}#bilag`);
    },
  );

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      values?: PaperFormValues;
      sections?: Array<{ heading: string; html: string }>;
      errors: FieldErrors;
      imported?: { fileName: string; import: WordImport };
      status?: number;
    },
  ) => {
    const actor = requireActor(request);
    const detail = await getPaper({ ...readAs(request), paperId: paperId(request) });
    if (!can(actor, 'paper.write', { organizationId: detail.paper.organizationId }))
      throw new AppError('FORBIDDEN');
    const { units } = await organizationOptions(request);
    return sendHtml(
      reply,
      <EditPaperPage
        ctx={pageContext(request, reply)}
        paperId={detail.paper.id}
        values={options.values ?? detailValues(detail)}
        sections={
          options.sections ?? detail.sections.map(({ heading, html }) => ({ heading, html }))
        }
        errors={options.errors}
        units={units}
        imported={options.imported}
        maxUploadMb={Math.round(app.config.uploadMaxBytes / (1024 * 1024))}
      />,
      options.status,
    );
  };

  app.post(
    '/sager/:id/word',
    { config: { policy: policies.writers, acceptsUploads: true } },
    async (request, reply) => {
      const id = paperId(request);
      // Only the author of an editable draft may read a file into it.
      await requireEditable({ ...readAs(request), paperId: id });
      try {
        const { files } = readMultipart(request);
        const file = files[0];
        if (!file) {
          throw new AppError('VALIDATION_FAILED', {
            details: [{ field: 'file', message: da.wordImport.missingFile }],
          });
        }
        const detail = await getPaper({ ...readAs(request), paperId: id });
        const result = await importWordPaper(
          file.bytes,
          detail.sections.map((section) => section.heading),
        );
        const values = detailValues(detail);
        return renderEdit(request, reply, {
          values: {
            ...values,
            title: result.title ?? values.title,
            caseNumber: result.caseNumber ?? values.caseNumber,
          },
          sections: result.sections,
          errors: {},
          imported: { fileName: cleanFileName(file.fileName), import: result },
        });
      } catch (error) {
        if (!(error instanceof AppError) || !refusedUploadCodes.has(error.code)) throw error;
        const errors: FieldErrors = {};
        for (const detail of error.details) errors[detail.field] ??= detail.message;
        return renderEdit(request, reply, {
          errors: Object.keys(errors).length > 0 ? errors : { file: error.message },
          status: error.status,
        });
      }
    },
  );

  app.get('/sager/:id/rediger', { config: { policy: policies.writers } }, async (request, reply) =>
    renderEdit(request, reply, { errors: {} }),
  );

  app.post(
    '/sager/:id/rediger',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const id = paperId(request);
      const body = (request.body ?? {}) as FormBody;
      const header = parseForm(paperFormFields, body);
      const headerInput = header.ok ? parseForm(paperUpdateBody, header.data) : header;
      const sectionFields = parseForm(sectionsFormFields, body);
      const sectionsInput = sectionFields.ok
        ? parseForm(sectionsBody, sectionFields.data)
        : sectionFields;
      const submittedSections = sectionFields.ok ? sectionFields.data.sections : undefined;
      const values = firstValues({ ...body, heading: undefined, html: undefined });
      if (!headerInput.ok || !sectionsInput.ok) {
        const errors = {
          ...(headerInput.ok ? {} : headerInput.errors),
          ...(sectionsInput.ok ? {} : sectionsInput.errors),
        };
        return renderEdit(request, reply, {
          values,
          sections: submittedSections,
          errors,
          status: 400,
        });
      }
      try {
        await writeAs(request, (ctx) =>
          savePaper({
            ...ctx,
            paperId: id,
            input: {
              header: headerInput.data,
              sections: sectionsInput.data.sections,
            },
          }),
        );
      } catch (error) {
        return renderEdit(request, reply, {
          values,
          sections: submittedSections,
          errors: fieldErrorsFrom(error),
          status: 400,
        });
      }
      return redirectAfterPost(reply, `/sager/${id}`);
    },
  );

  app.get(
    '/sager/:id/versioner',
    { config: { policy: policies.writers } },
    async (request, reply) => {
      const id = paperId(request);
      const ctx = readAs(request);
      const { paper } = await getPaper({ ...ctx, paperId: id });
      const versions = await listVersions({ ...ctx, paperId: id });
      const query = compareQuery.safeParse(request.query);
      const newest = versions[0]?.number ?? 1;
      const from =
        query.success && query.data.fra !== undefined ? query.data.fra : Math.max(1, newest - 1);
      const to = query.success && query.data.til !== undefined ? query.data.til : newest;
      const comparison =
        versions.length > 1
          ? await compareVersions({ ...ctx, paperId: id, older: from, newer: to })
          : [];
      return sendHtml(
        reply,
        <VersionsPage
          ctx={pageContext(request, reply)}
          paper={paper}
          versions={versions}
          from={from}
          to={to}
          comparison={comparison}
        />,
      );
    },
  );

  const renderCover = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: CoverFormValues; errors: FieldErrors; status?: number; draft?: CoverDraft },
  ) => {
    const { errors, status, draft } = options;
    const actor = requireActor(request);
    const detail = await getPaper({ ...readAs(request), paperId: paperId(request) });
    if (!can(actor, 'paper.write', { organizationId: detail.paper.organizationId }))
      throw new AppError('FORBIDDEN');
    const { paper } = detail;
    const values: CoverFormValues | undefined =
      options.values ??
      (draft
        ? {
            purpose: draft.purpose ?? '',
            keyMessages: draft.keyMessages,
            implications: draft.implications ?? '',
            requestedAction: draft.requestedAction ?? '',
          }
        : undefined);
    return sendHtml(
      reply,
      <CoverPage
        ctx={pageContext(request, reply)}
        paperId={paper.id}
        title={paper.title}
        rules={await rulesFor(db(), detail.paper.organizationId)}
        values={
          values ?? {
            purpose: paper.coverPurpose ?? '',
            keyMessages: paper.coverKeyMessages,
            implications: paper.coverImplications ?? '',
            requestedAction: paper.coverRequestedAction ?? '',
          }
        }
        errors={errors}
        explanation={draft?.explanation}
      />,
      status,
    );
  };

  app.get('/sager/:id/cover', { config: { policy: policies.writers } }, async (request, reply) => {
    const wantsDraft = (request.query as { udkast?: string }).udkast === '1';
    const draft = wantsDraft
      ? await draftCoverFor({
          ...readAs(request),
          paperId: paperId(request),
          options: {
            llm: app.config.llm,
          },
        })
      : undefined;
    return renderCover(request, reply, { errors: {}, draft });
  });

  app.post('/sager/:id/cover', { config: { policy: policies.writers } }, async (request, reply) => {
    const id = paperId(request);
    const fields = parseForm(coverFormFields, request.body ?? {});
    const parsed = fields.ok ? parseForm(coverBody, fields.data) : fields;
    const values: CoverFormValues | undefined = fields.ok
      ? {
          ...fields.data,
          purpose: fields.data.purpose,
          requestedAction: fields.data.requestedAction ?? '',
        }
      : undefined;
    if (!parsed.ok)
      return renderCover(request, reply, { values, errors: parsed.errors, status: 400 });
    try {
      await writeAs(request, (ctx) => saveCover({ ...ctx, paperId: id, cover: parsed.data }));
    } catch (error) {
      return renderCover(request, reply, { values, errors: fieldErrorsFrom(error), status: 400 });
    }
    return redirectAfterPost(reply, `/sager/${id}`);
  });
}
