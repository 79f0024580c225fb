import { recordAudit } from '../../platform/audit/record-audit';
import { can, visibleOrganizationIds } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError, type ErrorDetail } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import type { ClosureReason } from './db-schema';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export type { ClosureReason };

/** Styrelsesloven § 8: the agenda 4 and the material 3 weekdays (hverdage) before the meeting. */
export const defaultAgendaDeadlineWeekdays = 4;
export const defaultMaterialDeadlineWeekdays = 3;

/**
 * The grounds for closed doors that practice under styrelsesloven § 10 recognises (the
 * interests offentlighedsloven §§ 30–33 protects); the codes are stable for the API.
 */
export const defaultClosureReasonCodes = [
  'personnel',
  'private_affairs',
  'finances',
  'business',
  'real_estate',
  'negotiation',
  'tender',
  'litigation',
  'secrecy',
] as const;

export const defaultClosureReasons = (): ClosureReason[] =>
  defaultClosureReasonCodes.map((code) => ({ code, label: da.law.closureReasons[code] }));

/** An organization's meeting rules, with the defaults filled in. */
export type MeetingRules = {
  organizationId: string;
  agendaDeadlineWeekdays: number;
  materialDeadlineWeekdays: number;
  closureReasons: ClosureReason[];
  closureReasonsAreDefault: boolean;
};

export type MeetingRulesInput = {
  agendaDeadlineWeekdays?: number;
  materialDeadlineWeekdays?: number;
  /** null: back to the default list. */
  closureReasons?: ClosureReason[] | null;
};

const codePattern = /^[a-z0-9_]{1,40}$/;

// PGlite has no ICU collations, so Danish order is applied here (as in service.ts).
const danish = new Intl.Collator('da');

function withDefaults(organizationId: string, row: repo.OrganizationSettingsRow | undefined) {
  return {
    organizationId,
    agendaDeadlineWeekdays: row?.agendaDeadlineWeekdays ?? defaultAgendaDeadlineWeekdays,
    materialDeadlineWeekdays: row?.materialDeadlineWeekdays ?? defaultMaterialDeadlineWeekdays,
    closureReasons: row?.closureReasons ?? defaultClosureReasons(),
    closureReasonsAreDefault: !row?.closureReasons,
  } satisfies MeetingRules;
}

/** The rules as other modules read them (meetings, minutes): no access check. */
export async function readMeetingRules(
  { tx }: { readonly tx: Db },
  organizationId: string,
): Promise<MeetingRules> {
  return withDefaults(organizationId, await repo.selectOrganizationSettings(tx, organizationId));
}

async function requireOrganization(ctx: ServiceContext, organizationId: string) {
  const organization = await repo.selectOrganization(ctx.tx, organizationId);
  if (!organization || !can(ctx.actor, 'organization.read', { organizationId })) {
    throw new AppError('NOT_FOUND');
  }
  return organization;
}

/** The organizations whose meeting rules the actor may change (the settings pages' list). */
export async function listConfigurableOrganizations(ctx: ServiceContext) {
  if (!can(ctx.actor, 'organization.configure')) throw new AppError('FORBIDDEN');
  const rows = await repo.selectOrganizations(ctx.tx, visibleOrganizationIds(ctx.actor));
  // Units (enhed) send papers; they hold no meetings.
  return rows
    .filter((row) => row.classification !== 'enhed')
    .sort((a, b) => danish.compare(a.name, b.name));
}

/** The rules for the settings page: only for those who may change them. */
export async function getMeetingRulesToConfigure({
  organizationId,
  ...ctx
}: ServiceContext & { organizationId: string }) {
  const organization = await requireOrganization(ctx, organizationId);
  if (!can(ctx.actor, 'organization.configure', { organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  return { organization, rules: await readMeetingRules(ctx, organizationId) };
}

/** An organization's § 8 deadlines and § 10 closure reasons, for anyone who sees it. */
export async function getMeetingRules({
  organizationId,
  ...ctx
}: ServiceContext & { organizationId: string }): Promise<MeetingRules> {
  await requireOrganization(ctx, organizationId);
  return readMeetingRules(ctx, organizationId);
}

function checkClosureReasons(reasons: readonly ClosureReason[]): ErrorDetail[] {
  const t = da.law.settings;
  const details: ErrorDetail[] = [];
  if (reasons.length === 0) details.push({ field: 'closureReasons', message: t.noReasons });
  if (reasons.length > 30) details.push({ field: 'closureReasons', message: t.tooManyReasons });
  const seen = new Set<string>();
  reasons.forEach((reason, index) => {
    if (!codePattern.test(reason.code)) {
      details.push({ field: `closureReasons.${index}.code`, message: t.codeFormat });
    } else if (seen.has(reason.code)) {
      details.push({ field: `closureReasons.${index}.code`, message: t.duplicateCode });
    }
    seen.add(reason.code);
    if (!reason.label.trim()) {
      details.push({ field: `closureReasons.${index}.label`, message: da.validation.required });
    } else if (reason.label.length > 200) {
      details.push({ field: `closureReasons.${index}.label`, message: da.validation.tooLong(200) });
    }
  });
  return details;
}

/** Changes the rules (the secretariat and administrators); audited with before and after. */
export async function updateMeetingRules({
  organizationId,
  input,
  ...ctx
}: WriteContext & { organizationId: string; input: MeetingRulesInput }): Promise<MeetingRules> {
  await requireOrganization(ctx, organizationId);
  if (!can(ctx.actor, 'organization.configure', { organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  const details: ErrorDetail[] = [];
  for (const field of ['agendaDeadlineWeekdays', 'materialDeadlineWeekdays'] as const) {
    const value = input[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 30)) {
      details.push({ field, message: da.law.settings.deadlineRange });
    }
  }
  // undefined: keep the list; null: back to the defaults; a list: this list.
  const reasons =
    input.closureReasons === undefined || input.closureReasons === null
      ? input.closureReasons
      : input.closureReasons.map((reason) => ({
          code: reason.code.trim(),
          label: reason.label.trim(),
        }));
  if (reasons) details.push(...checkClosureReasons(reasons));
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
  const before = await readMeetingRules(ctx, organizationId);
  await repo.upsertOrganizationSettings(ctx.tx, {
    organizationId,
    agendaDeadlineWeekdays: input.agendaDeadlineWeekdays ?? before.agendaDeadlineWeekdays,
    materialDeadlineWeekdays: input.materialDeadlineWeekdays ?? before.materialDeadlineWeekdays,
    closureReasons:
      reasons === undefined
        ? before.closureReasonsAreDefault
          ? null
          : before.closureReasons
        : reasons,
  });
  const after = await readMeetingRules(ctx, organizationId);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'organizationSettings.update',
    entityType: 'organization',
    entityId: organizationId,
    before,
    after,
  });
  return after;
}
