import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from '../errors';
import { da } from '../i18n/da';
import { hasBidiControl, hasControlCharacter } from './control-characters';

type Found = { field: string; message: string };

/** Enough to show what is wrong; a body full of bad strings does not get a huge answer. */
const mostReported = 20;

/** The first forbidden character in one string, as a field error. */
function checkString(field: string, value: string): Found | undefined {
  if (hasControlCharacter(value)) return { field, message: da.validation.controlCharacter };
  if (hasBidiControl(value)) return { field, message: da.validation.bidiControl };
  return undefined;
}

const isMultipartPart = (
  value: object,
): value is { type: 'file' | 'field'; fieldname: string; filename?: string; value?: unknown } =>
  'type' in value && 'fieldname' in value;

/**
 * Every string in a parsed request part (JSON body, form fields, multipart fields and file
 * names, query, path parameters), walked with an explicit stack so that absurd nesting cannot
 * overflow it. Returns the problems found, at most one per field.
 */
export function findForbiddenCharacters(input: unknown): ErrorDetail[] {
  const found: Found[] = [];
  const stack: Array<{ path: string; value: unknown }> = [{ path: '', value: input }];
  while (stack.length > 0 && found.length < mostReported) {
    const { path, value } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = checkString(path || 'request', value);
      if (problem) found.push(problem);
      continue;
    }
    if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) continue;
    if (isMultipartPart(value)) {
      // A file's bytes are checked by the files module; its name and a field's value are text.
      if (value.type === 'file') {
        const problem = checkString(value.fieldname, value.filename ?? '');
        if (problem) found.push(problem);
      } else stack.push({ path: value.fieldname, value: value.value });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = checkString(path ? `${path}.${key}` : key, key);
      if (keyProblem) found.push(keyProblem);
      stack.push({ path: path ? `${path}.${key}` : key, value: child });
    }
  }
  return found;
}

function checkRequest(request: FastifyRequest): void {
  const details = [
    ...findForbiddenCharacters(request.params),
    ...findForbiddenCharacters(request.query),
    ...findForbiddenCharacters(request.body),
  ];
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', { details });
}

/**
 * Refuses, before any route sees it, a request whose text carries control characters or
 * bidirectional controls (400 VALIDATION_FAILED naming the field). Files are not text here:
 * only their names are checked.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => checkRequest(request));
}
