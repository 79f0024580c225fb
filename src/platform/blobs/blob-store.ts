import type { Readable } from 'node:stream';

/** What a put did: the content's key (its SHA-256 in hex), its size, and whether it was new. */
export type StoredBlob = { key: string; size: number; created: boolean };

/**
 * Content-addressed storage for file contents (bilag, generated documents). The key is the
 * SHA-256 of the bytes, so identical files are stored once. The local store keeps them under
 * DATA_DIR/blobs, the S3 store in a bucket (BLOB_URL); blob-store-contract.ts holds both to the
 * same behaviour.
 */
export type BlobStore = {
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The whole content; throws when the key is unknown. */
  read(key: string): Promise<Buffer>;
  /** The content as a stream, for downloads. */
  stream(key: string): Promise<Readable>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
};

const keyPattern = /^[0-9a-f]{64}$/;

/** Keys come from our own hashing, but a store never trusts a key as a path without checking. */
export function assertBlobKey(key: string): void {
  if (!keyPattern.test(key)) throw new Error(`Not a blob key: ${key}`);
}
