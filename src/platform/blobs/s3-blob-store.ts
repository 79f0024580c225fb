import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { assertBlobKey, type BlobStore, type StoredBlob } from './blob-store';

/** Where the blobs live in S3-compatible storage, as BLOB_URL says (see config.ts). */
export type S3BlobConfig = {
  bucket: string;
  /** Key prefix without slashes at either end; empty for the bucket's root. */
  prefix: string;
  region: string;
  /** An S3-compatible server (MinIO, Ceph, a cloud's object storage); AWS itself when unset. */
  endpoint: string | undefined;
  /** Bucket in the path (`endpoint/bucket/key`) rather than in the host name. */
  forcePathStyle: boolean;
  /** From the URL; otherwise the SDK's usual sources (AWS_ACCESS_KEY_ID, …, instance roles). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
};

export function createS3Client(config: S3BlobConfig): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
  });
}

/** True for "no such key/bucket": HEAD answers a bare 404, GET a NoSuchKey error. */
function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}

/**
 * Blobs as objects in a bucket, under the same `ab/cd/abcd…` layout as the local store, so a
 * DATA_DIR/blobs folder can be copied into a bucket as it is. A PutObject is atomic: the object
 * appears under its key whole or not at all. The SDK adds a checksum the server verifies
 * (AWS_REQUEST_CHECKSUM_CALCULATION=when_required turns it off for servers that refuse it).
 */
export function createS3BlobStore(client: S3Client, location: S3BlobConfig): BlobStore {
  const { bucket } = location;
  const base = location.prefix === '' ? '' : `${location.prefix}/`;
  const objectKey = (key: string) => {
    assertBlobKey(key);
    return `${base}${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
  };
  const get = (key: string) =>
    client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));

  const store: BlobStore = {
    async put(bytes: Uint8Array): Promise<StoredBlob> {
      const key = createHash('sha256').update(bytes).digest('hex');
      if (await store.has(key)) return { key, size: bytes.byteLength, created: false };
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: 'application/octet-stream',
        }),
      );
      return { key, size: bytes.byteLength, created: true };
    },
    async read(key: string): Promise<Buffer> {
      const { Body } = await get(key);
      if (!Body) throw new Error(`Blob ${key} has no body`);
      return Buffer.from(await Body.transformToByteArray());
    },
    async stream(key: string): Promise<Readable> {
      // GetObject fails here for an unknown key, before a response has started.
      const { Body } = await get(key);
      if (!(Body instanceof Readable)) throw new Error(`Blob ${key} is not a stream`);
      return Body;
    },
    async has(key: string): Promise<boolean> {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    async delete(key: string): Promise<void> {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
  };
  return store;
}

/** Fails at start-up, with the bucket's name, when the bucket cannot be reached or is missing. */
export async function checkS3Bucket(client: S3Client, config: S3BlobConfig): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: config.bucket }));
  } catch (error) {
    const reason = isNotFound(error)
      ? 'it does not exist'
      : error instanceof Error
        ? error.message || error.name
        : String(error);
    throw new Error(
      `BLOB_URL: the bucket "${config.bucket}"${config.endpoint ? ` at ${config.endpoint}` : ''} cannot be used: ${reason}`,
      { cause: error },
    );
  }
}
