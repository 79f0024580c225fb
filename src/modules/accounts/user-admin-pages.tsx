import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policies } from '../../platform/auth/route-policy';
import { AppError } from '../../platform/errors';
import {
  fieldErrorsFrom,
  formValue,
  parseForm,
  pathId,
  type FieldErrors,
} from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import { da } from '../../platform/i18n/da';
import { listPersons } from '../organizations/index';
import {
  acceptInvitation,
  createManagedUser,
  getManagedUser,
  invitationLifetimeHours,
  inviteUser,
  listManagedUsers,
  readInvitation,
  requireManage,
  updateManagedUser,
  type ManagedUser,
} from './user-admin';
import {
  InvitationPage,
  NewUserPage,
  UserListPage,
  UserPage,
  type PersonChoice,
  type UserFormValues,
} from './user-admin-views';
import { issueTokenForUser } from './api-tokens';

const t = da.userAdmin;

const userForm = z.object({
  email: formValue,
  name: formValue,
  role: formValue,
  personId: formValue,
});
const tokenForm = z.object({ tokenName: formValue });
const noticeQuery = z.object({ besked: formValue });
const invitationForm = z.object({ password: formValue, repeat: formValue });

/** Where the invited user lands after choosing a password (the login page shows a notice). */
export const invitationAcceptedPath = '/login?invitation=accepteret';

const notices: Record<string, (managed?: ManagedUser) => string> = {
  oprettet: (managed) => t.created(managed?.user.email ?? ''),
  gemt: () => t.saved,
  inviteret: (managed) => t.invitationSent(managed?.user.email ?? ''),
  deaktiveret: () => t.deactivatedNotice,
  genaktiveret: () => t.reactivatedNotice,
};

const valuesOf = ({ user }: ManagedUser): UserFormValues => ({
  email: user.email,
  name: user.name,
  role: user.role,
  personId: user.personId ?? '',
});

/**
 * A service's refusal as field errors: a validation error's fields, and the conflicts a form
 * can cause (an e-mail in use, a deactivated person) next to the field that caused them.
 */
function formErrors(error: unknown): { errors: FieldErrors; status: number } {
  if (error instanceof AppError && error.code === 'EMAIL_TAKEN')
    return { errors: { email: da.errors.EMAIL_TAKEN }, status: 409 };
  if (error instanceof AppError && error.code === 'PERSON_DEACTIVATED')
    return { errors: { personId: da.errors.PERSON_DEACTIVATED }, status: 409 };
  if (error instanceof AppError && error.status === 409)
    return { errors: { form: error.message }, status: 409 };
  return { errors: fieldErrorsFrom(error), status: 400 };
}

/** /admin/brugere: user management (administrators), and /invitation/:token for the invited. */
export async function userAdminPages(app: FastifyInstance): Promise<void> {
  const config = { policy: policies.administrators };
  const linkBase = app.config.publicBaseUrl;

  /** Active persons for the person picker, in Danish order. */
  const personChoices = async (request: FastifyRequest): Promise<PersonChoice[]> =>
    (await listPersons(readAs(request)))
      .filter((person) => person.deactivatedAt === null)
      .map((person) => ({ id: person.id, name: person.name }));

  app.get('/admin/brugere', { config }, async (request, reply) => {
    const users = await listManagedUsers(readAs(request));
    const query = noticeQuery.parse(request.query ?? {});
    return sendHtml(
      reply,
      <UserListPage
        ctx={pageContext(request, reply)}
        users={users}
        notice={notices[query.besked]?.()}
      />,
    );
  });

  const newUserPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: UserFormValues,
    errors: FieldErrors,
    status = 200,
  ) =>
    sendHtml(
      reply,
      <NewUserPage
        ctx={pageContext(request, reply)}
        persons={await personChoices(request)}
        values={values}
        errors={errors}
        invitationHours={invitationLifetimeHours}
      />,
      status,
    );

  app.get('/admin/brugere/ny', { config }, async (request, reply) => {
    requireManage(readAs(request).actor);
    return newUserPage(
      request,
      reply,
      { email: '', name: '', role: 'participant', personId: '' },
      {},
    );
  });

  app.post('/admin/brugere/ny', { config }, async (request, reply) => {
    const form = parseForm(userForm, request.body);
    const values = form.ok ? form.data : { email: '', name: '', role: '', personId: '' };
    try {
      const user = await writeAs(request, (ctx) =>
        createManagedUser({
          ...ctx,
          input: { ...values, personId: values.personId || null, name: values.name || null },
          linkBase,
        }),
      );
      return redirectAfterPost(reply, `/admin/brugere/${user.id}?besked=oprettet`);
    } catch (error) {
      const { errors, status } = formErrors(error);
      return newUserPage(request, reply, values, errors, status);
    }
  });

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    managed: ManagedUser,
    options: {
      values?: UserFormValues;
      errors?: FieldErrors;
      status?: number;
      issuedToken?: { name: string; token: string };
    } = {},
  ) => {
    const query = noticeQuery.parse(request.query ?? {});
    return sendHtml(
      reply,
      <UserPage
        ctx={pageContext(request, reply)}
        managed={managed}
        persons={await personChoices(request)}
        values={options.values ?? valuesOf(managed)}
        errors={options.errors ?? {}}
        notice={options.errors ? undefined : notices[query.besked]?.(managed)}
        invitationHours={invitationLifetimeHours}
        issuedToken={options.issuedToken}
      />,
      options.status,
    );
  };

  app.get('/admin/brugere/:id', { config }, async (request, reply) => {
    const managed = await getManagedUser({ ...readAs(request), id: pathId(request.params) });
    return userPage(request, reply, managed);
  });

  app.post('/admin/brugere/:id', { config }, async (request, reply) => {
    const managed = await getManagedUser({ ...readAs(request), id: pathId(request.params) });
    const form = parseForm(userForm, request.body);
    const values = form.ok ? { ...form.data, email: managed.user.email } : valuesOf(managed);
    try {
      await writeAs(request, (ctx) =>
        updateManagedUser({
          ...ctx,
          id: managed.user.id,
          input: { name: values.name, role: values.role, personId: values.personId || null },
        }),
      );
      return redirectAfterPost(reply, `/admin/brugere/${managed.user.id}?besked=gemt`);
    } catch (error) {
      const { errors, status } = formErrors(error);
      return userPage(request, reply, managed, { values, errors, status });
    }
  });

  app.post('/admin/brugere/:id/inviter', { config }, async (request, reply) => {
    const id = pathId(request.params);
    await writeAs(request, (ctx) => inviteUser({ ...ctx, id, linkBase }));
    return redirectAfterPost(reply, `/admin/brugere/${id}?besked=inviteret`);
  });

  // The token is shown in this answer only (no redirect: it must not travel in a URL).
  app.post('/admin/brugere/:id/token', { config }, async (request, reply) => {
    const id = pathId(request.params);
    const form = parseForm(tokenForm, request.body);
    try {
      const issued = await writeAs(request, (ctx) =>
        issueTokenForUser({
          ...ctx,
          userId: id,
          input: { name: form.ok ? form.data.tokenName : '' },
        }),
      );
      const managed = await getManagedUser({ ...readAs(request), id });
      reply.header('cache-control', 'no-store');
      return userPage(request, reply, managed, { issuedToken: issued });
    } catch (error) {
      const { errors, status } = formErrors(error);
      const managed = await getManagedUser({ ...readAs(request), id });
      // The token's name has its own field on the page; the user's name field keeps no error.
      const { name: tokenName, ...others } = errors;
      const fieldErrors = tokenName === undefined ? others : { ...others, tokenName };
      return userPage(request, reply, managed, { errors: fieldErrors, status });
    }
  });

  for (const [segment, active, notice] of [
    ['deaktiver', false, 'deaktiveret'],
    ['genaktiver', true, 'genaktiveret'],
  ] as const) {
    app.post(`/admin/brugere/:id/${segment}`, { config }, async (request, reply) => {
      const id = pathId(request.params);
      try {
        await writeAs(request, (ctx) => updateManagedUser({ ...ctx, id, input: { active } }));
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 409) throw error;
        const managed = await getManagedUser({ ...readAs(request), id });
        return userPage(request, reply, managed, { errors: { form: error.message }, status: 409 });
      }
      return redirectAfterPost(reply, `/admin/brugere/${id}?besked=${notice}`);
    });
  }

  // The invitation link is the key: anyone holding it may set the password once, before it
  // expires. A used, expired or replaced link gets INVITATION_INVALID's Danish page (410).
  app.get('/invitation/:token', { config: { policy: 'public' } }, async (request, reply) => {
    const token = invitationToken(request.params);
    const { email } = await readInvitation(app.database.db, token);
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    return sendHtml(
      reply,
      <InvitationPage ctx={pageContext(request, reply)} token={token} email={email} errors={{}} />,
    );
  });

  app.post('/invitation/:token', { config: { policy: 'public' } }, async (request, reply) => {
    const token = invitationToken(request.params);
    const form = parseForm(invitationForm, request.body);
    const values = form.ok ? form.data : { password: '', repeat: '' };
    try {
      await acceptInvitation(app.database.db, { token, ...values, requestId: request.id });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
      const { email } = await readInvitation(app.database.db, token);
      return sendHtml(
        reply,
        <InvitationPage
          ctx={pageContext(request, reply)}
          token={token}
          email={email}
          errors={fieldErrorsFrom(error)}
        />,
        400,
      );
    }
    return redirectAfterPost(reply, invitationAcceptedPath);
  });
}

const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/** A malformed token is a link that does not work, like an unknown one. */
function invitationToken(params: unknown): string {
  const parsed = tokenParam.safeParse(params);
  if (!parsed.success) throw new AppError('INVITATION_INVALID');
  return parsed.data.token;
}
