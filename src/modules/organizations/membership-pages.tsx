import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../platform/auth/policy';
import { policies } from '../../platform/auth/route-policy';
import { AppError } from '../../platform/errors';
import { publicMessage } from '../../platform/http/error-handler';
import { parseForm, type FieldErrors } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import { readMultipart } from '../../platform/http/upload';
import { da } from '../../platform/i18n/da';
import { toLocalDate } from '../../platform/i18n/format';
import { committeeListLimits } from './committee-list';
import { importMemberships, type ImportPlan } from './membership-import';
import {
  endMembershipForm,
  importFields,
  membershipEditForm,
  membershipForm,
  membersOnDateQuery,
} from './membership-schemas';
import {
  createMembership,
  deleteMembership,
  getMembership,
  listAllMemberships,
  listMembershipsOn,
  updateMembership,
} from './memberships';
import { mayManageMemberships } from './policy';
import { getOrganization, listOrganizations, listPersons } from './service';
import { readPerson } from './reads';
import { MembersPage } from './views/members-page';
import {
  DeleteMembershipPage,
  EndMembershipPage,
  MembershipFormPage,
  type MembershipFormValues,
} from './views/membership-form-page';
import { MembershipImportPage, type ImportFormValues } from './views/membership-import-page';
import { membersHref, OrganizationListPage } from './views/organization-list-page';

type FormBody = Record<string, string | undefined>;

const params = z.object({ id: z.uuid(), mid: z.uuid().optional() });
const notices = { oprettet: 'created', gemt: 'updated', slettet: 'deleted' } as const;
const noticeQuery = z.object({
  besked: z
    .enum(Object.keys(notices) as [keyof typeof notices])
    .optional()
    .catch(undefined),
});

/** Path ids; a malformed one is a page that does not exist. */
function pathIds(request: FastifyRequest): { id: string; mid: string } {
  const parsed = params.safeParse(request.params);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return { id: parsed.data.id, mid: parsed.data.mid ?? '' };
}

/** The refusals a membership form shows beside its fields (400 and 409), with their status. */
const formRefusals = new Set([
  'VALIDATION_FAILED',
  'MEMBERSHIP_ENDS_BEFORE_START',
  'MEMBERSHIP_OVERLAP',
]);

function refusalOf(error: unknown): { errors: FieldErrors; status: number } {
  if (!(error instanceof AppError) || !formRefusals.has(error.code)) throw error;
  const errors: FieldErrors = {};
  for (const detail of error.details) errors[detail.field] ??= detail.message;
  if (Object.keys(errors).length === 0) errors.form = publicMessage(error);
  return { errors, status: error.status };
}

/** Pages for organizations' members: the list on a date, add, edit, end, delete, import. */
export async function membershipPages(app: FastifyInstance): Promise<void> {
  app.get('/organisationer', { config: { policy: 'signedIn' } }, async (request, reply) => {
    const organizations = await listOrganizations(readAs(request));
    return sendHtml(
      reply,
      <OrganizationListPage ctx={pageContext(request, reply)} organizations={organizations} />,
    );
  });

  app.get(
    '/organisationer/:id/medlemmer',
    { config: { policy: 'signedIn' } },
    async (request, reply) => {
      const { id } = pathIds(request);
      const ctx = readAs(request);
      const query = request.query as Record<string, unknown>;
      const date = membersOnDateQuery.safeParse({ date: query.dato });
      const { besked } = noticeQuery.parse(request.query);
      const today = toLocalDate(new Date());
      const result = await listMembershipsOn({
        ...ctx,
        organizationId: id,
        date: date.success ? date.data.date : undefined,
      });
      const mayManage = mayManageMemberships(ctx.actor, id);
      return sendHtml(
        reply,
        <MembersPage
          ctx={pageContext(request, reply)}
          organization={result.organization}
          date={result.date}
          isToday={result.date === today}
          members={result.memberships}
          all={mayManage ? await listAllMemberships({ ...ctx, organizationId: id }) : null}
          abilities={{ mayManage, mayImport: mayManage && can(ctx.actor, 'organization.manage') }}
          notice={besked ? da.memberships[notices[besked]] : undefined}
        />,
      );
    },
  );

  // Add a member.
  const renderAdd = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: MembershipFormValues; errors: FieldErrors; status?: number },
  ) => {
    const { id } = pathIds(request);
    const ctx = readAs(request);
    const organization = await getOrganization({ ...ctx, id });
    if (!mayManageMemberships(ctx.actor, id)) throw new AppError('FORBIDDEN');
    return sendHtml(
      reply,
      <MembershipFormPage
        ctx={pageContext(request, reply)}
        organization={organization}
        persons={await listPersons(ctx)}
        values={state.values}
        errors={state.errors}
      />,
      state.status,
    );
  };

  app.get(
    '/organisationer/:id/medlemmer/ny',
    { config: { policy: policies.staff } },
    async (request, reply) =>
      renderAdd(request, reply, {
        values: { role: 'member', startDate: toLocalDate(new Date()) },
        errors: {},
      }),
  );

  app.post(
    '/organisationer/:id/medlemmer/ny',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id } = pathIds(request);
      const body = (request.body ?? {}) as FormBody;
      const parsed = parseForm(membershipForm, body);
      if (!parsed.ok) {
        return renderAdd(request, reply, { values: body, errors: parsed.errors, status: 400 });
      }
      try {
        await writeAs(request, (ctx) =>
          createMembership({ ...ctx, organizationId: id, input: parsed.data }),
        );
      } catch (error) {
        return renderAdd(request, reply, { values: body, ...refusalOf(error) });
      }
      return redirectAfterPost(reply, `${membersHref(id)}?besked=oprettet`);
    },
  );

  /** The membership with its person's name, for the edit, end and delete pages. */
  const loadMembership = async (request: FastifyRequest) => {
    const { id, mid } = pathIds(request);
    const ctx = readAs(request);
    const organization = await getOrganization({ ...ctx, id });
    if (!mayManageMemberships(ctx.actor, id)) throw new AppError('FORBIDDEN');
    const membership = await getMembership({ ...ctx, organizationId: id, membershipId: mid });
    const person = await readPerson(ctx, membership.personId);
    return { organization, membership: { ...membership, personName: person?.name ?? '' } };
  };

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: MembershipFormValues; errors: FieldErrors; status?: number },
  ) => {
    const { organization, membership } = await loadMembership(request);
    return sendHtml(
      reply,
      <MembershipFormPage
        ctx={pageContext(request, reply)}
        organization={organization}
        membership={membership}
        persons={[]}
        values={
          state.values ?? {
            role: membership.role,
            startDate: membership.startDate ?? '',
            endDate: membership.endDate ?? '',
          }
        }
        errors={state.errors}
      />,
      state.status,
    );
  };

  app.get(
    '/organisationer/:id/medlemmer/:mid/rediger',
    { config: { policy: policies.staff } },
    async (request, reply) => renderEdit(request, reply, { errors: {} }),
  );

  app.post(
    '/organisationer/:id/medlemmer/:mid/rediger',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id, mid } = pathIds(request);
      const body = (request.body ?? {}) as FormBody;
      const parsed = parseForm(membershipEditForm, body);
      if (!parsed.ok) {
        return renderEdit(request, reply, { values: body, errors: parsed.errors, status: 400 });
      }
      try {
        await writeAs(request, (ctx) =>
          updateMembership({
            ...ctx,
            organizationId: id,
            membershipId: mid,
            // An empty end date on the edit form reopens the membership.
            input: { ...parsed.data, endDate: parsed.data.endDate ?? null },
          }),
        );
      } catch (error) {
        return renderEdit(request, reply, { values: body, ...refusalOf(error) });
      }
      return redirectAfterPost(reply, `${membersHref(id)}?besked=gemt`);
    },
  );

  const renderEnd = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: { endDate?: string }; errors: FieldErrors; status?: number },
  ) => {
    const { organization, membership } = await loadMembership(request);
    return sendHtml(
      reply,
      <EndMembershipPage
        ctx={pageContext(request, reply)}
        organization={organization}
        membership={membership}
        values={state.values}
        errors={state.errors}
      />,
      state.status,
    );
  };

  app.get(
    '/organisationer/:id/medlemmer/:mid/afslut',
    { config: { policy: policies.staff } },
    async (request, reply) =>
      renderEnd(request, reply, { values: { endDate: toLocalDate(new Date()) }, errors: {} }),
  );

  app.post(
    '/organisationer/:id/medlemmer/:mid/afslut',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id, mid } = pathIds(request);
      const body = (request.body ?? {}) as FormBody;
      const parsed = parseForm(endMembershipForm, body);
      if (!parsed.ok) {
        return renderEnd(request, reply, { values: body, errors: parsed.errors, status: 400 });
      }
      try {
        await writeAs(request, (ctx) =>
          updateMembership({
            ...ctx,
            organizationId: id,
            membershipId: mid,
            input: { endDate: parsed.data.endDate },
          }),
        );
      } catch (error) {
        return renderEnd(request, reply, { values: body, ...refusalOf(error) });
      }
      return redirectAfterPost(reply, `${membersHref(id)}?besked=gemt`);
    },
  );

  app.get(
    '/organisationer/:id/medlemmer/:mid/slet',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { organization, membership } = await loadMembership(request);
      return sendHtml(
        reply,
        <DeleteMembershipPage
          ctx={pageContext(request, reply)}
          organization={organization}
          membership={membership}
        />,
      );
    },
  );

  app.post(
    '/organisationer/:id/medlemmer/:mid/slet',
    { config: { policy: policies.staff } },
    async (request, reply) => {
      const { id, mid } = pathIds(request);
      await writeAs(request, (ctx) =>
        deleteMembership({ ...ctx, organizationId: id, membershipId: mid }),
      );
      return redirectAfterPost(reply, `${membersHref(id)}?besked=slettet`);
    },
  );

  // Import a committee list (administrators: it creates persons).
  const maxKb = Math.floor(committeeListLimits.maxBytes / 1024);
  const renderImport = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: ImportFormValues; errors: FieldErrors; plan?: ImportPlan; status?: number },
  ) => {
    const { id } = pathIds(request);
    const ctx = readAs(request);
    const organization = await getOrganization({ ...ctx, id });
    if (!can(ctx.actor, 'organization.manage')) throw new AppError('NOT_FOUND');
    return sendHtml(
      reply,
      <MembershipImportPage
        ctx={pageContext(request, reply)}
        organization={organization}
        values={state.values}
        errors={state.errors}
        plan={state.plan}
        maxKb={maxKb}
      />,
      state.status,
    );
  };

  app.get(
    '/organisationer/:id/medlemmer/import',
    { config: { policy: policies.administrators } },
    async (request, reply) =>
      renderImport(request, reply, { values: { dryRun: true, endMissing: false }, errors: {} }),
  );

  /** What an import refuses with: shown at the form, which keeps the choices. */
  const importRefusals = new Set(['VALIDATION_FAILED', 'IMPORT_INVALID', 'PAYLOAD_TOO_LARGE']);

  app.post(
    '/organisationer/:id/medlemmer/import',
    { config: { policy: policies.administrators, acceptsUploads: true } },
    async (request, reply) => {
      const { id } = pathIds(request);
      const { files, fields } = readMultipart(request);
      const values = importFields.parse(fields);
      const [file] = files;
      if (!file) {
        return renderImport(request, reply, {
          values,
          errors: { file: da.memberships.import.fileMissing },
          status: 400,
        });
      }
      try {
        const plan = await writeAs(request, (ctx) =>
          importMemberships({ ...ctx, organizationId: id, file: file.bytes, options: values }),
        );
        return renderImport(request, reply, {
          values: { ...values, dryRun: true },
          errors: {},
          plan,
        });
      } catch (error) {
        if (!(error instanceof AppError) || !importRefusals.has(error.code)) throw error;
        // A refused apply shows the plan with its errors, as the dry run would have.
        if (
          error.code === 'IMPORT_INVALID' &&
          error.details.some((d) => d.field.startsWith('line'))
        ) {
          const plan = await writeAs(request, (ctx) =>
            importMemberships({
              ...ctx,
              organizationId: id,
              file: file.bytes,
              options: { ...values, dryRun: true },
            }),
          );
          return renderImport(request, reply, { values, errors: {}, plan, status: 422 });
        }
        const errors: FieldErrors = {
          file: error.details[0]?.message ?? publicMessage(error),
        };
        return renderImport(request, reply, { values, errors, status: error.status });
      }
    },
  );
}
