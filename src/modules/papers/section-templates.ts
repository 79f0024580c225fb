import { defaultSectionHeadings } from './rules';
import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readOrganization } from '../organizations/index';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

/** The section headings a new paper to this organization starts with. */
export async function sectionHeadingsFor(tx: Db, organizationId: string): Promise<string[]> {
  return (await repo.selectTemplateHeadings(tx, organizationId)) ?? [...defaultSectionHeadings];
}

export type SectionTemplate = { organizationId: string; headings: string[]; isDefault: boolean };

/** The section headings papers to an organization start with (the seed's set when none is kept). */
export async function getSectionTemplate({
  actor,
  tx,
  organizationId,
}: ServiceContext & { organizationId: string }): Promise<SectionTemplate> {
  const organization = await readOrganization({ tx }, organizationId);
  if (
    !organization ||
    !(
      can(actor, 'paper.write', { organizationId }) ||
      can(actor, 'template.read', { organizationId })
    )
  ) {
    throw new AppError('NOT_FOUND');
  }
  const headings = await repo.selectTemplateHeadings(tx, organizationId);
  return {
    organizationId,
    headings: headings ?? [...defaultSectionHeadings],
    isDefault: headings === undefined,
  };
}

/** Administrators set an organization's section headings; existing papers keep theirs. */
export async function saveSectionTemplate({
  organizationId,
  headings,
  ...ctx
}: WriteContext & {
  organizationId: string;
  headings: readonly string[];
}): Promise<SectionTemplate> {
  const before = await getSectionTemplate({ ...ctx, organizationId });
  if (!can(ctx.actor, 'template.manage')) throw new AppError('FORBIDDEN');
  const seen = new Set<string>();
  for (const heading of headings) {
    const key = heading.toLocaleUpperCase('da');
    if (seen.has(key)) throw validationError('headings', da.papers.duplicateHeading(heading));
    seen.add(key);
  }
  await repo.upsertTemplateHeadings(ctx.tx, organizationId, headings);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'paperTemplate.update',
    entityType: 'organization',
    entityId: organizationId,
    before: before.headings,
    after: headings,
  });
  return { organizationId, headings: [...headings], isDefault: false };
}
