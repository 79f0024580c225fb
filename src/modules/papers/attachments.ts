import { recordAudit } from '../../platform/audit/record-audit';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import type { StoreFile, Upload } from '../files/index';
import * as repo from './repository';
import { loadAttachment, loadAttachments, type AttachmentRow } from './rows';
import { requireEditable } from './paper-editing';
import { getPaper } from './paper-reading';
import { recordVersion } from './versions';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

const maxTitleLength = 300;

/** "Sammen om Opgaven.pdf" → "Sammen om Opgaven": the default title of an uploaded bilag. */
export function titleFromFileName(fileName: string): string {
  return (
    fileName
      .replace(/\.[^.]+$/, '')
      .replace(/[_]+/g, ' ')
      .trim() || fileName
  );
}

function cleanTitle(title: string | undefined, fileName: string): string {
  const trimmed = title?.trim();
  const chosen = trimmed ? trimmed : titleFromFileName(fileName);
  if (chosen.length > maxTitleLength) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'title', message: da.validation.tooLong(maxTitleLength) }],
    });
  }
  return chosen;
}

async function requireAttachment(
  tx: Db,
  paperId: string,
  attachmentId: string,
): Promise<AttachmentRow> {
  const attachment = await loadAttachment(tx, attachmentId);
  if (!attachment || attachment.paperId !== paperId) throw new AppError('NOT_FOUND');
  return attachment;
}

async function audit(
  ctx: WriteContext,
  action: string,
  paperId: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action,
    entityType: 'paper',
    entityId: paperId,
    before,
    after,
  });
}

const summary = (attachment: AttachmentRow) => ({
  id: attachment.id,
  position: attachment.position,
  title: attachment.title,
  fileName: attachment.fileName,
  sha256: attachment.fileSha256,
});

/** Adds bilag to a memo the author may still change: each file is checked and stored once. */
export async function addAttachments({
  paperId,
  uploads,
  ...ctx
}: WriteContext & { storeFile: StoreFile } & {
  paperId: string;
  uploads: ReadonlyArray<Upload & { title?: string }>;
}): Promise<AttachmentRow[]> {
  await requireEditable({ ...ctx, paperId });
  if (uploads.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'file', message: da.files.missing }],
    });
  }
  for (const upload of uploads) {
    const stored = await ctx.storeFile(upload);
    await repo.insertAttachment(ctx.tx, {
      paperId,
      title: cleanTitle(upload.title, stored.fileName),
      fileName: stored.fileName,
      fileSha256: stored.sha256,
    });
  }
  const after = await loadAttachments(ctx.tx, paperId);
  await audit(ctx, 'paper.attachments.add', paperId, null, after.map(summary));
  await repo.updatePaper(ctx.tx, paperId, {});
  await recordVersion(ctx.tx, ctx.actor, paperId);
  return after;
}

/** Changes a bilag's title (the file stays). */
export async function renameAttachment({
  paperId,
  attachmentId,
  title,
  ...ctx
}: WriteContext & { paperId: string; attachmentId: string; title: string }): Promise<void> {
  await requireEditable({ ...ctx, paperId });
  const before = await requireAttachment(ctx.tx, paperId, attachmentId);
  const after = cleanTitle(title, before.fileName);
  await repo.updateAttachmentTitle(ctx.tx, attachmentId, after);
  await audit(ctx, 'paper.attachments.rename', paperId, summary(before), { title: after });
  await repo.updatePaper(ctx.tx, paperId, {});
  await recordVersion(ctx.tx, ctx.actor, paperId);
}

/** Moves a bilag one place up or down; the others are renumbered. */
export async function moveAttachment({
  paperId,
  attachmentId,
  direction,
  ...ctx
}: WriteContext & {
  paperId: string;
  attachmentId: string;
  direction: 'up' | 'down';
}): Promise<void> {
  await requireEditable({ ...ctx, paperId });
  await requireAttachment(ctx.tx, paperId, attachmentId);
  const ids = (await loadAttachments(ctx.tx, paperId)).map((attachment) => attachment.id);
  const from = ids.indexOf(attachmentId);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= ids.length) return;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  await repo.setAttachmentOrder(ctx.tx, paperId, ids);
  await audit(ctx, 'paper.attachments.move', paperId, { position: from + 1 }, { position: to + 1 });
  await repo.updatePaper(ctx.tx, paperId, {});
  await recordVersion(ctx.tx, ctx.actor, paperId);
}

/** Removes a bilag from the memo and renumbers the rest. The stored file stays for other users of it. */
export async function removeAttachment({
  paperId,
  attachmentId,
  ...ctx
}: WriteContext & { paperId: string; attachmentId: string }): Promise<void> {
  await requireEditable({ ...ctx, paperId });
  const before = await requireAttachment(ctx.tx, paperId, attachmentId);
  await repo.deleteAttachment(ctx.tx, attachmentId);
  const rest = await loadAttachments(ctx.tx, paperId);
  await repo.setAttachmentOrder(
    ctx.tx,
    paperId,
    rest.map((attachment) => attachment.id),
  );
  await audit(ctx, 'paper.attachments.remove', paperId, summary(before), null);
  await repo.updatePaper(ctx.tx, paperId, {});
  await recordVersion(ctx.tx, ctx.actor, paperId);
}

/** A bilag for download, if the actor may read its paper. */
export async function getAttachmentForDownload({
  attachmentId,
  ...ctx
}: ServiceContext & { attachmentId: string }): Promise<AttachmentRow> {
  const attachment = await loadAttachment(ctx.tx, attachmentId);
  if (!attachment) throw new AppError('NOT_FOUND');
  // A reader of an approved version gets only the bilag that were part of it.
  const { attachments } = await getPaper({ ...ctx, paperId: attachment.paperId });
  const visible = attachments.find((candidate) => candidate.id === attachmentId);
  if (!visible) throw new AppError('NOT_FOUND');
  return visible;
}
