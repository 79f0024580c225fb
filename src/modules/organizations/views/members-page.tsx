import { ActionBar } from '../../../platform/http/components/action-bar';
import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { TextField } from '../../../platform/http/form';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong, startOfLocalDay } from '../../../platform/i18n/format';
import type { MembershipWithPerson, OrganizationRow } from '../repository';
import { membersHref } from './organization-list-page';

const t = da.memberships;

const longDate = (localDate: string | null) =>
  localDate === null ? null : formatDateLong(startOfLocalDay(localDate));

export const periodText = (membership: Pick<MembershipWithPerson, 'startDate' | 'endDate'>) =>
  t.periodText(longDate(membership.startDate), longDate(membership.endDate));

/** The role, and under it the period: two columns fewer than a column each on a phone. */
function RoleAndPeriod(props: { membership: MembershipWithPerson }) {
  return (
    <>
      {da.membershipRoles[props.membership.role]}
      <span class="member-period">{periodText(props.membership)}</span>
    </>
  );
}

const memberColumns: ReadonlyArray<Column<MembershipWithPerson>> = [
  {
    header: t.name,
    cell: (membership) => (
      <>
        {membership.personName}
        {membership.personTitle ? (
          <span class="member-title">{`, ${membership.personTitle}`}</span>
        ) : null}
      </>
    ),
  },
  { header: t.rolePeriod, cell: (membership) => <RoleAndPeriod membership={membership} /> },
];

/** Every membership with its actions, each action naming the person for screen readers. */
const allColumns = (base: string): ReadonlyArray<Column<MembershipWithPerson>> => [
  { header: t.name, cell: (membership) => membership.personName },
  { header: t.rolePeriod, cell: (membership) => <RoleAndPeriod membership={membership} /> },
  {
    header: t.actions,
    cell: (membership) => (
      <ul class="nobullet-list membership-actions">
        <li>
          <a href={`${base}/${membership.id}/rediger`}>
            {t.edit}
            <span class="sr-only">{` ${membership.personName}`}</span>
          </a>
        </li>
        {membership.endDate === null ? (
          <li>
            <a href={`${base}/${membership.id}/afslut`}>
              {t.end}
              <span class="sr-only">{` ${membership.personName}`}</span>
            </a>
          </li>
        ) : null}
        <li>
          <a href={`${base}/${membership.id}/slet`}>
            {t.delete}
            <span class="sr-only">{` ${membership.personName}`}</span>
          </a>
        </li>
      </ul>
    ),
  },
];

/**
 * /organisationer/:id/medlemmer(?dato=): the members on a day (a GET form, so no script is
 * needed), and for the secretariat every membership with its actions.
 */
export function MembersPage(props: {
  ctx: PageContext;
  organization: OrganizationRow;
  date: string;
  isToday: boolean;
  members: MembershipWithPerson[];
  all: MembershipWithPerson[] | null;
  abilities: { mayManage: boolean; mayImport: boolean };
  notice?: string;
}) {
  const base = membersHref(props.organization.id);
  return (
    <Layout ctx={props.ctx} title={t.title(props.organization.name)}>
      <h1>{t.title(props.organization.name)}</h1>
      {props.notice ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{props.notice}</p>
          </div>
        </div>
      ) : null}
      <form method="get" action={base} class="no-print">
        <TextField
          name="dato"
          type="date"
          label={t.onDate}
          hint={t.onDateHint}
          value={props.isToday ? '' : props.date}
          errors={{}}
        />
        <button type="submit" class="button button-secondary">
          {t.show}
        </button>
      </form>
      {props.abilities.mayManage || props.abilities.mayImport ? (
        <ActionBar>
          {props.abilities.mayManage ? (
            <a class="button button-primary" href={`${base}/ny`}>
              {t.add}
            </a>
          ) : null}
          {props.abilities.mayImport ? (
            <a class="button button-secondary" href={`${base}/import`}>
              {t.import.link}
            </a>
          ) : null}
        </ActionBar>
      ) : null}
      <h2>{t.membersOn(formatDateLong(startOfLocalDay(props.date)))}</h2>
      {props.members.length === 0 ? (
        <EmptyState message={t.noMembers} />
      ) : (
        <DataTable
          caption={t.membersOn(longDate(props.date) ?? props.date)}
          columns={memberColumns}
          rows={props.members}
          rowKey={(membership) => membership.id}
          isCompact
        />
      )}
      {props.all ? (
        <section aria-labelledby="all-memberships">
          <h2 id="all-memberships">{t.all}</h2>
          <p>{t.allIntro}</p>
          <DataTable
            caption={t.all}
            columns={allColumns(base)}
            rows={props.all}
            rowKey={(membership) => membership.id}
            isCompact
          />
        </section>
      ) : null}
    </Layout>
  );
}
