import { AppError } from '../../../platform/errors';
import type { ImportedArchive } from '../archive';

/** Placeholder so this branch compiles; the PDF archive reader replaces this file at the merge. */
export async function readPdfArchive(
  _path: string,
  _options: { maxBytes: number },
): Promise<ImportedArchive> {
  throw new AppError('IMPORT_FORMAT_UNKNOWN');
}
