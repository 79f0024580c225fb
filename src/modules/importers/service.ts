import { can, type Actor } from '../../platform/auth/policy';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { inTransactionWithFiles, type FileLimits } from '../files/index';
import type { ImportedArchive } from './archive';
import { importArchive, type ImportSummary } from './import-archive';

export type ImportRun = ImportSummary & { dryRun: boolean };

/** Thrown inside the transaction to roll a dry run back after it has done everything. */
class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

/**
 * Reads an export and writes it in one transaction with its files; a dry run does all of it and
 * rolls back (new blobs removed too), so what it reports is what a real import would do.
 */
export async function runImport(
  deps: { actor: Actor; db: Db; blobs: BlobStore; limits: FileLimits },
  read: () => Promise<ImportedArchive>,
  options: { dryRun: boolean },
): Promise<ImportRun> {
  // Checked before the export is read, so a refused user does not make the server parse it.
  if (!can(deps.actor, 'import.run')) throw new AppError('FORBIDDEN');
  const archive = await read();
  try {
    const summary = await inTransactionWithFiles(
      deps.db,
      deps.blobs,
      deps.limits,
      async (tx, storeFile) => {
        const result = await importArchive({ actor: deps.actor, tx, storeFile }, archive);
        if (options.dryRun) throw new DryRunRollback(result);
        return result;
      },
    );
    return { ...summary, dryRun: false };
  } catch (error) {
    if (error instanceof DryRunRollback) return { ...error.summary, dryRun: true };
    throw error;
  }
}
