import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../platform/auth/policy';
import { policies } from '../../platform/auth/route-policy';
import { fieldErrorsFrom, formValue, parseForm, pathId } from '../../platform/http/form';
import { redirectAfterPost, sendHtml } from '../../platform/http/html';
import { pageContext } from '../../platform/http/layout';
import { readAs, writeAs } from '../../platform/http/service-call';
import {
  createPerson,
  getPerson,
  personSearchLimit,
  requirePersonManagement,
  searchPersons,
  updatePerson,
  type PersonRow,
} from '../organizations/index';
import { getPersonOverview } from './person-overview';
import { PersonFormPage, emptyPersonForm, type PersonFormValues } from './views/person-form-page';
import { PersonListPage } from './views/person-list-page';
import { PersonPage } from './views/person-page';

const listQuery = z.object({ q: formValue.transform((value) => value.trim().slice(0, 200)) });
const personQuery = z.object({ gemt: formValue });
const personForm = z.object({
  name: formValue,
  title: formValue,
  unit: formValue,
  email: formValue,
  phone: formValue,
  party: formValue,
  isExternal: formValue.transform((value) => value === 'on'),
});

const formValuesOf = (row: PersonRow): PersonFormValues => ({
  name: row.name,
  title: row.title ?? '',
  unit: row.unit ?? '',
  email: row.email ?? '',
  phone: row.phone ?? '',
  party: row.party ?? '',
  isExternal: row.isExternal,
});

const personPath = (id: string) => `/admin/personer/${id}`;

/** /admin/personer: the person register and each person's page (the secretariat). */
export async function personPages(app: FastifyInstance): Promise<void> {
  const config = { policy: policies.staff };

  app.get('/admin/personer', { config }, async (request, reply) => {
    const ctx = readAs(request);
    const query = listQuery.parse(request.query ?? {});
    const persons = await searchPersons({ ...ctx, query: { q: query.q } });
    return sendHtml(
      reply,
      <PersonListPage
        ctx={pageContext(request, reply)}
        persons={persons}
        query={query.q}
        limit={personSearchLimit}
        canManage={can(ctx.actor, 'person.manage')}
      />,
    );
  });

  /** Saves the form through `save`; shows it again with Danish messages when it is refused. */
  const submit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    person: PersonRow | undefined,
    save: (values: PersonFormValues) => Promise<PersonRow>,
  ) => {
    const form = parseForm(personForm, request.body);
    const values = form.ok ? form.data : emptyPersonForm;
    try {
      const row = await save(values);
      return redirectAfterPost(reply, `${personPath(row.id)}?gemt=1`);
    } catch (error) {
      return sendHtml(
        reply,
        <PersonFormPage
          ctx={pageContext(request, reply)}
          person={person}
          values={values}
          errors={fieldErrorsFrom(error)}
        />,
        400,
      );
    }
  };

  app.get('/admin/personer/ny', { config }, async (request, reply) => {
    requirePersonManagement(readAs(request).actor);
    return sendHtml(
      reply,
      <PersonFormPage ctx={pageContext(request, reply)} values={emptyPersonForm} errors={{}} />,
    );
  });

  app.post('/admin/personer/ny', { config }, async (request, reply) =>
    submit(request, reply, undefined, (values) =>
      writeAs(request, (ctx) => createPerson({ ...ctx, input: values })),
    ),
  );

  app.get('/admin/personer/:id', { config }, async (request, reply) => {
    const ctx = readAs(request);
    const overview = await getPersonOverview({ ...ctx, id: pathId(request.params) });
    const query = personQuery.parse(request.query ?? {});
    return sendHtml(
      reply,
      <PersonPage
        ctx={pageContext(request, reply)}
        overview={overview}
        canManage={can(ctx.actor, 'person.manage')}
        canManageUsers={can(ctx.actor, 'user.manage')}
        saved={query.gemt === '1'}
      />,
    );
  });

  app.get('/admin/personer/:id/rediger', { config }, async (request, reply) => {
    const person = await getPerson({ ...readAs(request), id: pathId(request.params) });
    return sendHtml(
      reply,
      <PersonFormPage
        ctx={pageContext(request, reply)}
        person={person}
        values={formValuesOf(person)}
        errors={{}}
      />,
    );
  });

  app.post('/admin/personer/:id/rediger', { config }, async (request, reply) => {
    const person = await getPerson({ ...readAs(request), id: pathId(request.params) });
    return submit(request, reply, person, (values) =>
      writeAs(request, (ctx) => updatePerson({ ...ctx, id: person.id, input: values })),
    );
  });

  for (const [segment, active] of [
    ['deaktiver', false],
    ['genaktiver', true],
  ] as const) {
    app.post(`/admin/personer/:id/${segment}`, { config }, async (request, reply) => {
      const id = pathId(request.params);
      await writeAs(request, (ctx) => updatePerson({ ...ctx, id, input: { active } }));
      return redirectAfterPost(reply, `${personPath(id)}?gemt=1`);
    });
  }
}
