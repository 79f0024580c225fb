import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { describeBlobStoreContract } from './blob-store-contract';
import { openConfiguredBlobStore } from './open';
import {
  checkS3Bucket,
  createS3BlobStore,
  createS3Client,
  type S3BlobConfig,
} from './s3-blob-store';

/** An S3 API server in this process (s3rver keeps the objects in a temporary folder). */
let server: S3rver;
let directory: string;
let endpoint: string;
const clients: S3Client[] = [];
const bucket = 'bilag';

/** s3rver's one account; it refuses other access key ids (but does not verify V4 signatures). */
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const locationAt = (prefix: string, overrides: Partial<S3BlobConfig> = {}): S3BlobConfig => ({
  bucket,
  prefix,
  region: 'eu-north-1',
  endpoint,
  forcePathStyle: true,
  credentials,
  ...overrides,
});
const clientFor = (location: S3BlobConfig) => {
  const client = createS3Client(location);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

// Each test gets its own prefix in the one bucket: an empty store, as the contract expects.
describeBlobStoreContract('S3 blob store', async () => {
  const location = locationAt(`test-${randomUUID()}`);
  return createS3BlobStore(clientFor(location), location);
});

describe('S3 blob store in its bucket', () => {
  it('keeps objects under the prefix in the local store layout, so a blobs folder can be copied in', async () => {
    const location = locationAt(`dagsorden/${randomUUID()}`);
    const client = clientFor(location);
    const { key } = await createS3BlobStore(client, location).put(Buffer.from('Referat'));
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `${location.prefix}/` }),
    );
    expect(listed.Contents?.map((object) => object.Key)).toEqual([
      `${location.prefix}/${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`,
    ]);
  });

  it('uses the bucket root when there is no prefix', async () => {
    const location = locationAt('');
    const client = clientFor(location);
    const bytes = Buffer.from(randomUUID());
    const { key } = await createS3BlobStore(client, location).put(bytes);
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: key.slice(0, 2) }),
    );
    expect(listed.Contents?.map((object) => object.Key)).toContain(
      `${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`,
    );
  });

  it('names the bucket when it cannot be used, and passes one that can', async () => {
    const missing = locationAt('', { bucket: 'findes-ikke' });
    await expect(checkS3Bucket(clientFor(missing), missing)).rejects.toThrow(
      `BLOB_URL: the bucket "findes-ikke" at ${endpoint} cannot be used: it does not exist`,
    );
    const wrongKey = locationAt('', {
      credentials: { accessKeyId: 'UKENDT', secretAccessKey: 'forkert' },
    });
    await expect(checkS3Bucket(clientFor(wrongKey), wrongKey)).rejects.toThrow(
      /^BLOB_URL: the bucket "bilag" at .* cannot be used: /,
    );
    const good = locationAt('');
    await expect(checkS3Bucket(clientFor(good), good)).resolves.toBeUndefined();
  });

  it('is what BLOB_URL selects, with the credentials from the URL', async () => {
    const prefix = `fra-url-${randomUUID()}`;
    const config = loadConfig({
      SESSION_SECRET: 'a'.repeat(32),
      BLOB_URL: `s3://S3RVER:S3RVER@${bucket}/${prefix}?endpoint=${encodeURIComponent(endpoint)}&region=eu-north-1&forcePathStyle=true`,
    });
    const store = await openConfiguredBlobStore(config);
    const { key } = await store.put(Buffer.from('via BLOB_URL'));
    const location = locationAt(prefix);
    expect((await createS3BlobStore(clientFor(location), location).read(key)).toString()).toBe(
      'via BLOB_URL',
    );
  });
});
