import { recordAudit } from '../../platform/audit/record-audit';
import { can, visibleOrganizationIds } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readOrganization } from '../organizations/index';
import * as repo from './repository';
import { inferPlacement, inferStandingKind } from './standing-items';
import { resolveLocationId } from './meeting-checks';
import type { TemplateCreateInput, TemplateUpdateInput } from './schemas';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

export type TemplateWithItems = repo.TemplateSummaryRow & {
  organizationName: string;
  items: repo.TemplateItemRow[];
};

/** Meeting templates the actor may use, with their standing items. */
export async function listTemplates({ actor, tx }: ServiceContext): Promise<TemplateWithItems[]> {
  if (!can(actor, 'template.read')) throw new AppError('FORBIDDEN');
  const templates = await repo.selectTemplates(tx, visibleOrganizationIds(actor));
  return Promise.all(
    templates.map(async (template) => ({
      ...template,
      items: await repo.selectTemplateItems(tx, template.id),
    })),
  );
}

/** One template with its standing items; NOT_FOUND when the actor may not see it. */
export async function getTemplate({
  actor,
  tx,
  templateId,
}: ServiceContext & { templateId: string }): Promise<TemplateWithItems> {
  const template = await repo.selectTemplate(tx, templateId);
  if (!template || !can(actor, 'template.read', { organizationId: template.organizationId })) {
    throw new AppError('NOT_FOUND');
  }
  const organization = await readOrganization({ tx }, template.organizationId);
  return {
    ...template,
    organizationName: organization?.name ?? '',
    items: await repo.selectTemplateItems(tx, template.id),
  };
}

function templateItemRows(templateId: string, items: TemplateCreateInput['items']) {
  return items.map((item, index) => ({
    ...item,
    standingKind: item.standingKind ?? inferStandingKind(item.title),
    placement: item.placement ?? inferPlacement(item.title),
    templateId,
    position: index + 1,
  }));
}

/** Creates a meeting template with standing items and their default durations. */
export async function createTemplate({
  actor,
  tx,
  input,
}: WriteContext & { input: TemplateCreateInput }): Promise<TemplateWithItems> {
  if (!can(actor, 'template.manage')) throw new AppError('FORBIDDEN');
  const organization = await readOrganization({ tx }, input.organizationId);
  if (!organization) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'organizationId', message: da.validation.unknownOrganization }],
    });
  }
  const template = await repo.insertTemplate(tx, {
    organizationId: organization.id,
    name: input.name,
    defaultStartTime: input.defaultStartTime,
    defaultDurationMinutes: input.defaultDurationMinutes,
    defaultLocationId: (await resolveLocationId({ actor, tx }, input.defaultLocation)) ?? null,
  });
  const items = await repo.insertTemplateItems(tx, templateItemRows(template.id, input.items));
  const defaultLocation = input.defaultLocation ?? null;
  await recordAudit(tx, {
    actor,
    action: 'template.create',
    entityType: 'meetingTemplate',
    entityId: template.id,
    after: { ...template, defaultLocation, items },
  });
  return { ...template, defaultLocation, organizationName: organization.name, items };
}

/** Replaces a template's name, defaults and standing items. Meetings made from it keep theirs. */
export async function updateTemplate({
  templateId,
  input,
  ...ctx
}: WriteContext & { templateId: string; input: TemplateUpdateInput }): Promise<TemplateWithItems> {
  const { actor, tx } = ctx;
  const before = await getTemplate({ ...ctx, templateId });
  if (!can(actor, 'template.manage')) throw new AppError('FORBIDDEN');
  const template = await repo.updateTemplate(tx, templateId, {
    name: input.name,
    defaultStartTime: input.defaultStartTime,
    defaultDurationMinutes: input.defaultDurationMinutes,
    defaultLocationId: (await resolveLocationId(ctx, input.defaultLocation)) ?? null,
  });
  await repo.deleteTemplateItems(tx, templateId);
  const items = await repo.insertTemplateItems(tx, templateItemRows(templateId, input.items));
  const defaultLocation = input.defaultLocation ?? null;
  await recordAudit(tx, {
    actor,
    action: 'template.update',
    entityType: 'meetingTemplate',
    entityId: templateId,
    before,
    after: { ...template, defaultLocation, items },
  });
  return { ...template, defaultLocation, organizationName: before.organizationName, items };
}
