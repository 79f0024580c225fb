import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import { da } from '../i18n/da';

export type UploadedFile = { bytes: Buffer; fileName: string };

type Part = MultipartFile | MultipartValue;

const isPart = (value: unknown): value is Part =>
  typeof value === 'object' && value !== null && 'type' in value && 'fieldname' in value;

/**
 * The files and text fields of a multipart form (the multipart plugin has already read them
 * into memory, within the upload limit). A file input left empty is not a file.
 */
export async function readMultipart(
  request: FastifyRequest,
): Promise<{ files: UploadedFile[]; fields: Record<string, string> }> {
  if (!request.isMultipart()) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'file', message: da.files.notMultipart }],
    });
  }
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  for (const entry of Object.values((request.body ?? {}) as Record<string, unknown>)) {
    for (const part of Array.isArray(entry) ? entry : [entry]) {
      if (!isPart(part)) continue;
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.filename === '' && bytes.length === 0) continue;
        files.push({ bytes, fileName: part.filename });
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  }
  return { files, fields };
}
