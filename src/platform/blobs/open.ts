import { join } from 'node:path';
import type { Config } from '../config';
import type { BlobStore } from './blob-store';
import { createLocalBlobStore } from './local-blob-store';

/**
 * The configured blob store: DATA_DIR/blobs by default, whose temp files left by a crash are
 * removed first, or the bucket BLOB_URL names, which is checked first so that a wrong bucket or
 * key stops start-up rather than the first upload.
 */
export async function openConfiguredBlobStore(config: Config): Promise<BlobStore> {
  const { blobs } = config;
  if (blobs.kind === 'local') {
    const store = createLocalBlobStore(join(config.dataDir, 'blobs'));
    // Every start (server or CLI command) follows any crash, so leftovers go soon after one.
    await store.removeStaleTemporaryFiles();
    return store;
  }
  // Loaded only when used: the AWS SDK adds about 150 ms to every start (see bench cold-start).
  const { checkS3Bucket, createS3BlobStore, createS3Client } = await import('./s3-blob-store');
  const client = createS3Client(blobs);
  await checkS3Bucket(client, blobs);
  return createS3BlobStore(client, blobs);
}
