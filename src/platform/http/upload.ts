import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import { da } from '../i18n/da';

export type UploadedFile = { bytes: Buffer; fileName: string };

/** A multipart form as the upload hook leaves it on `request.body`, field name → part(s). */
type FieldPart = { type: 'field'; fieldname: string; value: string };
type FilePart = { type: 'file'; fieldname: string; filename: string; bytes: Buffer };
type Part = FieldPart | FilePart;
type MultipartBody = Record<string, Part | Part[]>;

export type UploadLimits = {
  /** The largest file (the configured upload limit). */
  fileBytes: number;
  /** All files of one request together: what one request may hold in memory. */
  totalBytes: number;
};

const isPart = (value: unknown): value is Part =>
  typeof value === 'object' && value !== null && 'type' in value && 'fieldname' in value;

/**
 * The files and text fields of a multipart form (the upload hook has already read them into
 * memory, within the upload limits). A file input left empty is not a file.
 */
export function readMultipart(request: FastifyRequest): {
  files: UploadedFile[];
  fields: Record<string, string>;
} {
  if (!request.isMultipart()) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'file', message: da.files.notMultipart }],
    });
  }
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  for (const entry of Object.values((request.body ?? {}) as MultipartBody)) {
    for (const part of Array.isArray(entry) ? entry : [entry]) {
      if (!isPart(part)) continue;
      if (part.type === 'file') {
        if (part.filename === '' && part.bytes.length === 0) continue;
        files.push({ bytes: part.bytes, fileName: part.filename });
      } else {
        fields[part.fieldname] = part.value;
      }
    }
  }
  return { files, fields };
}

const isMultipartRequest = (request: FastifyRequest) =>
  /^multipart\//i.test(request.headers['content-type'] ?? '');

/** RFC 2046: a boundary is 1–70 characters, quoted or a token. */
const hasBoundary = (contentType: string) =>
  /;\s*boundary=(?:"[^"]{1,70}"|[^\s;"]{1,70})\s*(?:;|$)/i.test(contentType);

const malformed = (cause?: unknown) =>
  new AppError('VALIDATION_FAILED', {
    details: [{ field: 'request', message: da.validation.malformedMultipart }],
    cause,
  });

const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', {
    message: da.files.tooLarge(maxBytes),
    details: [{ field: 'file', message: da.files.tooLarge(maxBytes) }],
  });

/** The multipart plugin's own limit errors keep their meaning (413); any other is a broken body. */
const limitErrorCodes = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/** Reads every part of the request into a body, counting the bytes of all files together. */
async function readParts(request: FastifyRequest, limits: UploadLimits): Promise<MultipartBody> {
  const body: MultipartBody = {};
  const add = (part: Part) => {
    const existing = body[part.fieldname];
    body[part.fieldname] =
      existing === undefined ? part : [...(Array.isArray(existing) ? existing : [existing]), part];
  };
  let totalBytes = 0;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      add({ type: 'field', fieldname: part.fieldname, value: String(part.value) });
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      totalBytes += chunk.length;
      if (totalBytes > limits.totalBytes) throw tooLarge(limits.totalBytes);
      chunks.push(chunk);
    }
    if (part.file.truncated) throw tooLarge(limits.fileBytes);
    add({
      type: 'file',
      fieldname: part.fieldname,
      filename: part.filename,
      bytes: Buffer.concat(chunks),
    });
  }
  return body;
}

/**
 * Multipart bodies, read only by the routes that take files (`config: { acceptsUploads: true
 * }`), which all require a signed-in user. Anywhere else, `/login` and `/logout` among them, a
 * multipart body is refused before a byte of it is read (415), so an anonymous client cannot
 * make the server buffer uploads. On upload routes the body is read here, before the CSRF
 * check (whose token is one of its fields), with a limit per file and for all files together;
 * a broken body (no boundary, cut short, malformed parts) is a 400, never a 500.
 */
export async function registerUploads(app: FastifyInstance, limits: UploadLimits): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: { fileSize: limits.fileBytes, files: 20, fields: 20, fieldSize: 64 * 1024 },
  });
  app.addHook('preParsing', async (request) => {
    if (!isMultipartRequest(request)) return;
    if (request.routeOptions.config.acceptsUploads !== true) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
        details: [{ field: 'request', message: da.validation.notMultipartHere }],
      });
    }
    if (!hasBoundary(request.headers['content-type'] ?? '')) throw malformed();
  });
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    try {
      request.body = await readParts(request, limits);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && limitErrorCodes.has(code)) throw error;
      throw malformed(error);
    }
  });
}
