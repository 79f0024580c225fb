import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readOrganization } from '../organizations/index';
import * as repo from './repository';
import { caseNumberRegExp, defaultPaperRules, type PaperRules } from './rules';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export type OrganizationPaperRules = PaperRules & { organizationId: string; isDefault: boolean };

/** The rules papers to an organization follow: its own, or the defaults for its kind. */
export async function rulesFor(tx: Db, organizationId: string): Promise<OrganizationPaperRules> {
  const organization = await readOrganization({ tx }, organizationId);
  if (!organization) throw new AppError('NOT_FOUND');
  const row = await repo.selectPaperRules(tx, organizationId);
  if (!row) {
    return {
      ...defaultPaperRules(organization.classification),
      organizationId,
      isDefault: true,
    };
  }
  return {
    organizationId,
    isDefault: false,
    coverMaxWords: row.coverMaxWords,
    keyMessageMaxWords: row.keyMessageMaxWords,
    coverRequired: row.coverRequired,
    caseNumberPattern: row.caseNumberPattern,
    caseNumberExample: row.caseNumberExample,
    submissionDeadlineWorkingDays: row.submissionDeadlineWorkingDays,
  };
}

/** An organization's paper rules, for those who write papers to it or manage templates. */
export async function getPaperRules({
  actor,
  tx,
  organizationId,
}: ServiceContext & { organizationId: string }): Promise<OrganizationPaperRules> {
  if (
    !can(actor, 'paper.write', { organizationId }) &&
    !can(actor, 'template.read', { organizationId })
  ) {
    throw new AppError('NOT_FOUND');
  }
  return rulesFor(tx, organizationId);
}

/** Administrators set an organization's rules; the example must match the pattern. */
export async function savePaperRules({
  organizationId,
  rules,
  ...ctx
}: WriteContext & { organizationId: string; rules: PaperRules }): Promise<OrganizationPaperRules> {
  const before = await getPaperRules({ ...ctx, organizationId });
  if (!can(ctx.actor, 'template.manage')) throw new AppError('FORBIDDEN');
  const pattern = caseNumberRegExp(rules.caseNumberPattern);
  if (!pattern) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'caseNumberPattern', message: da.paperRules.patternInvalid }],
    });
  }
  if (!pattern.test(rules.caseNumberExample)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'caseNumberExample', message: da.paperRules.exampleMismatch }],
    });
  }
  await repo.upsertPaperRules(ctx.tx, { organizationId, ...rules });
  const after = await rulesFor(ctx.tx, organizationId);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'paperRules.update',
    entityType: 'organization',
    entityId: organizationId,
    before,
    after,
  });
  return after;
}

/** Checks a case number against the organization's pattern; a clear message names the expected form. */
export async function assertCaseNumber(
  tx: Db,
  organizationId: string,
  caseNumber: string | null | undefined,
): Promise<void> {
  if (!caseNumber) return;
  const rules = await rulesFor(tx, organizationId);
  if (caseNumberRegExp(rules.caseNumberPattern)?.test(caseNumber)) return;
  throw new AppError('VALIDATION_FAILED', {
    details: [
      { field: 'caseNumber', message: da.papers.caseNumberFormat(rules.caseNumberExample) },
    ],
  });
}
