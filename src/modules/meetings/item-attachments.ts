import { recordAudit } from '../../platform/audit/record-audit';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import type { StoreFile, Upload } from '../files/index';
import { titleFromFileName } from '../papers/index';
import * as repo from './item-attachment-repository';
import type { ItemAttachmentRow } from './item-attachment-repository';
import { requireItem } from './meeting-checks';
import { getItemDetail } from './item-page';

const maxTitleLength = 300;

type ItemRef = { meetingId: string; itemId: string };

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

const summary = (attachment: ItemAttachmentRow) => ({
  id: attachment.id,
  position: attachment.position,
  title: attachment.title,
  fileName: attachment.fileName,
  sha256: attachment.fileSha256,
});

async function audit(
  ctx: WriteContext,
  action: string,
  itemId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: `agendaItem.attachments.${action}`,
    entityType: 'agendaItem',
    entityId: itemId,
    before,
    after,
  });
}

async function requireAttachment(
  ctx: WriteContext,
  itemId: string,
  attachmentId: string,
): Promise<ItemAttachmentRow> {
  const found = (await repo.selectItemAttachments(ctx.tx, itemId)).find(
    (attachment) => attachment.id === attachmentId,
  );
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

/** The item's own bilag, for those who may read the item's content. */
export async function listItemAttachments({
  meetingId,
  itemId,
  ...ctx
}: ServiceContext & ItemRef): Promise<ItemAttachmentRow[]> {
  await getItemDetail({ ...ctx, meetingId, itemId });
  return repo.selectItemAttachments(ctx.tx, itemId);
}

/**
 * Uploads files to the item as its own bilag, after any it has (the secretariat, while the
 * meeting is not held). Each file is checked and stored once, by the files module.
 */
export async function addItemAttachments({
  meetingId,
  itemId,
  uploads,
  storeFile,
  ...ctx
}: WriteContext &
  ItemRef & {
    storeFile: StoreFile;
    uploads: ReadonlyArray<Upload & { title?: string }>;
  }): Promise<ItemAttachmentRow[]> {
  await requireItem(ctx, meetingId, itemId);
  if (uploads.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'file', message: da.files.missing }],
    });
  }
  for (const upload of uploads) {
    const stored = await storeFile(upload);
    await repo.insertItemAttachment(ctx.tx, {
      agendaItemId: itemId,
      title: cleanTitle(upload.title, stored.fileName),
      fileName: stored.fileName,
      fileSha256: stored.sha256,
    });
  }
  const after = await repo.selectItemAttachments(ctx.tx, itemId);
  await audit(ctx, 'add', itemId, null, after.map(summary));
  return after;
}

/** Gives a bilag its file: one listed by title only, or one whose file is replaced. */
export async function attachItemFile({
  meetingId,
  itemId,
  attachmentId,
  upload,
  storeFile,
  ...ctx
}: WriteContext &
  ItemRef & { attachmentId: string; storeFile: StoreFile; upload: Upload | undefined }): Promise<
  ItemAttachmentRow[]
> {
  await requireItem(ctx, meetingId, itemId);
  const before = await requireAttachment(ctx, itemId, attachmentId);
  if (!upload) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'file', message: da.files.missing }],
    });
  }
  const stored = await storeFile(upload);
  await repo.updateItemAttachment(ctx.tx, attachmentId, {
    fileName: stored.fileName,
    fileSha256: stored.sha256,
  });
  const after = await requireAttachment(ctx, itemId, attachmentId);
  await audit(ctx, 'file', itemId, summary(before), summary(after));
  return repo.selectItemAttachments(ctx.tx, itemId);
}

/** Renames a bilag and/or moves it one place up or down; the others are renumbered. */
export async function changeItemAttachment({
  meetingId,
  itemId,
  attachmentId,
  title,
  move,
  ...ctx
}: WriteContext &
  ItemRef & { attachmentId: string; title?: string; move?: 'up' | 'down' }): Promise<
  ItemAttachmentRow[]
> {
  await requireItem(ctx, meetingId, itemId);
  const before = await requireAttachment(ctx, itemId, attachmentId);
  if (title !== undefined) {
    const after = cleanTitle(title, before.fileName ?? title);
    if (after.length === 0) {
      throw new AppError('VALIDATION_FAILED', {
        details: [{ field: 'title', message: da.validation.required }],
      });
    }
    await repo.updateItemAttachment(ctx.tx, attachmentId, { title: after });
    await audit(ctx, 'rename', itemId, summary(before), { title: after });
  }
  if (move !== undefined) {
    const ids = (await repo.selectItemAttachments(ctx.tx, itemId)).map((row) => row.id);
    const from = ids.indexOf(attachmentId);
    const to = move === 'up' ? from - 1 : from + 1;
    if (to >= 0 && to < ids.length) {
      [ids[from], ids[to]] = [ids[to]!, ids[from]!];
      await repo.setItemAttachmentOrder(ctx.tx, itemId, ids);
      await audit(ctx, 'move', itemId, { position: from + 1 }, { position: to + 1 });
    }
  }
  return repo.selectItemAttachments(ctx.tx, itemId);
}

/** Removes a bilag from the item and renumbers the rest. The stored file stays for other users of it. */
export async function removeItemAttachment({
  meetingId,
  itemId,
  attachmentId,
  ...ctx
}: WriteContext & ItemRef & { attachmentId: string }): Promise<void> {
  await requireItem(ctx, meetingId, itemId);
  const before = await requireAttachment(ctx, itemId, attachmentId);
  await repo.deleteItemAttachment(ctx.tx, attachmentId);
  const rest = await repo.selectItemAttachments(ctx.tx, itemId);
  await repo.setItemAttachmentOrder(
    ctx.tx,
    itemId,
    rest.map((row) => row.id),
  );
  await audit(ctx, 'remove', itemId, summary(before), null);
}

/** One of the item's own files for download, if the actor may read the item's content. */
export async function getItemAttachmentForDownload({
  meetingId,
  itemId,
  attachmentId,
  ...ctx
}: ServiceContext & ItemRef & { attachmentId: string }): Promise<
  ItemAttachmentRow & { fileName: string; fileSha256: string }
> {
  const attachments = await listItemAttachments({ ...ctx, meetingId, itemId });
  const found = attachments.find((attachment) => attachment.id === attachmentId);
  if (!found || found.fileName === null || found.fileSha256 === null)
    throw new AppError('NOT_FOUND');
  return { ...found, fileName: found.fileName, fileSha256: found.fileSha256 };
}
