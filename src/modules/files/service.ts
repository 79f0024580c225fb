import type { Readable } from 'node:stream';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import { inTransaction, type Tx } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { inspectFile, type FileKind } from './inspect-file';
import * as repo from './repository';

export type Upload = { bytes: Uint8Array; fileName: string };

/** A checked, stored file as an attachment refers to it. */
export type StoredUpload = {
  sha256: string;
  fileName: string;
  kind: FileKind;
  mediaType: string;
  byteSize: number;
  pageCount: number | null;
};

/** Stores a checked upload inside the caller's transaction. */
export type StoreFile = (upload: Upload) => Promise<StoredUpload>;

export type FileLimits = { maxBytes: number };

/**
 * The name a file keeps: its last path segment (browsers and ESDH exports send Windows paths),
 * in NFC so "æøå" typed on a Mac compare equal, without control characters, at most 200 characters.
 */
export function cleanFileName(raw: string): string {
  const lastSegment = raw.split(/[\\/]/).pop() ?? '';
  return (
    lastSegment
      .normalize('NFC')
      .replace(/\p{Cc}/gu, '')
      .trim()
      .slice(-200) || 'fil'
  );
}

/**
 * Runs a write that stores files: each file is checked, written to the blob store and recorded,
 * all inside one transaction. If the transaction fails, blobs it created are removed again
 * unless another write has come to use them, so a failed upload leaves nothing behind.
 */
export async function inTransactionWithFiles<T>(
  db: Db,
  blobs: BlobStore,
  limits: FileLimits,
  work: (tx: Tx, storeFile: StoreFile) => Promise<T>,
): Promise<T> {
  const createdKeys: string[] = [];
  try {
    return await inTransaction(db, (tx) =>
      work(tx, async ({ bytes, fileName }) => {
        const name = cleanFileName(fileName);
        const inspected = await inspectFile(bytes, name, limits);
        const blob = await blobs.put(bytes);
        if (blob.created) createdKeys.push(blob.key);
        await repo.insertStoredFile(tx, {
          sha256: blob.key,
          byteSize: blob.size,
          mediaType: inspected.mediaType,
          extractedText: inspected.text,
          pageCount: inspected.pageCount,
        });
        return {
          sha256: blob.key,
          fileName: name,
          kind: inspected.kind,
          mediaType: inspected.mediaType,
          byteSize: blob.size,
          pageCount: inspected.pageCount,
        };
      }),
    );
  } catch (error) {
    for (const key of createdKeys) {
      if (!(await repo.selectStoredFile(db, key))) await blobs.delete(key);
    }
    throw error;
  }
}

/** The text extracted from these stored files, by hash (empty for a file without text). */
export async function readExtractedTexts(
  { tx }: { tx: Db },
  sha256s: readonly string[],
): Promise<Map<string, string>> {
  return repo.selectExtractedTexts(tx, sha256s);
}

/** What the stored files say about themselves (media type, size, pages), by hash. */
export async function readStoredFileFacts(
  { tx }: { tx: Db },
  sha256s: readonly string[],
): Promise<Map<string, repo.StoredFileFacts>> {
  const rows = await repo.selectStoredFileFacts(tx, [...new Set(sha256s)]);
  return new Map(rows.map((row) => [row.sha256, row]));
}

/** A stored file's content for download, with what the response headers need. */
export async function openStoredFile(
  { tx, blobs }: { tx: Db; blobs: BlobStore },
  sha256: string,
): Promise<{ stream: Readable; mediaType: string; byteSize: number }> {
  const row = await repo.selectStoredFile(tx, sha256);
  if (!row) throw new AppError('NOT_FOUND');
  return { stream: await blobs.stream(sha256), mediaType: row.mediaType, byteSize: row.byteSize };
}

/** Stores a document the system made itself (a meeting package): no checks, no text extraction. */
export async function storeGeneratedFile(
  { tx, blobs }: { tx: Db; blobs: BlobStore },
  bytes: Uint8Array,
  mediaType: string,
): Promise<string> {
  const blob = await blobs.put(bytes);
  await repo.insertStoredFile(tx, { sha256: blob.key, byteSize: blob.size, mediaType });
  return blob.key;
}
