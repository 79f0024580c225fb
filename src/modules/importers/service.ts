import { can, type Actor } from '../../platform/auth/policy';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { inTransactionWithFiles, type FileLimits } from '../files/index';
import type { ImportedArchive, ImportFormat } from './archive';
import { readExport } from './formats/read-export';
import { importArchive, type ImportSummary } from './import-archive';
import { stageUpload } from './upload';

export type ImportRun = ImportSummary & { dryRun: boolean };

export type ImportDeps = {
  actor: Actor;
  db: Db;
  blobs: BlobStore;
  /** Each bilag file, as for an upload. */
  limits: FileLimits;
  /** The export itself: one file, or a zip's unpacked total. */
  maxExportBytes: number;
};

export type ImportOptions = { format: 'auto' | ImportFormat; dryRun: boolean };

/** Thrown inside the transaction to roll a dry run back after it has done everything. */
class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

// Checked before the export is read, so a refused user does not make the server parse it.
function requireImporter(actor: Actor): void {
  if (!can(actor, 'import.run')) throw new AppError('FORBIDDEN');
}

/**
 * Reads an export and writes it in one transaction with its files; a dry run does all of it and
 * rolls back (new blobs removed too), so what it reports is what a real import would do.
 */
export async function runImport(
  deps: Pick<ImportDeps, 'actor' | 'db' | 'blobs' | 'limits'>,
  read: () => Promise<ImportedArchive>,
  options: { dryRun: boolean },
): Promise<ImportRun> {
  requireImporter(deps.actor);
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

/** Imports the export at a path: a file, or a folder holding one (the command line). */
export function importFromPath(
  deps: ImportDeps,
  path: string,
  options: ImportOptions,
): Promise<ImportRun> {
  return runImport(
    deps,
    () => readExport({ path, format: options.format, maxBytes: deps.maxExportBytes }),
    options,
  );
}

/** Imports an uploaded export (XML, PDF, or a zip of the export folder), then removes the copy. */
export async function importUpload(
  deps: ImportDeps,
  upload: { bytes: Uint8Array; fileName: string },
  options: ImportOptions,
): Promise<ImportRun> {
  requireImporter(deps.actor);
  const staged = await stageUpload(upload, deps.maxExportBytes);
  try {
    return await importFromPath(deps, staged.path, options);
  } finally {
    await staged.remove();
  }
}
