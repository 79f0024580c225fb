/** Stable error codes and the HTTP status each maps to. Messages live in the i18n catalogue. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  MEETING_ENDS_BEFORE_START: 400,
  MEMBERSHIP_ENDS_BEFORE_START: 400,
  LATE_RELEASE_REASON_REQUIRED: 400,
  CLOSED_REASON_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SSO_FAILED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  MEETING_STATUS_INVALID: 409,
  MINUTES_CONFLICT: 409,
  MINUTES_LOCKED: 409,
  MEETING_LOCKED: 409,
  MINUTES_INCOMPLETE: 409,
  CPR_NUMBER_FOUND: 409,
  MEMBERSHIP_OVERLAP: 409,
  EMAIL_TAKEN: 409,
  PERSON_DEACTIVATED: 409,
  INVITATION_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  FILE_TYPE_NOT_ALLOWED: 415,
  FILE_UNREADABLE: 422,
  IMPORT_FORMAT_UNKNOWN: 415,
  IMPORT_INVALID: 422,
  BACKUP_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type ErrorDetail = { field: string; message: string };

/** The one error type. Services throw it; the HTTP layer renders it as JSON or as a Danish page. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: readonly ErrorDetail[]; cause?: unknown } = {},
  ) {
    super(options.message ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details ?? [];
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A 400 VALIDATION_FAILED naming one field, as a service refuses one bad value. */
export const validationError = (field: string, message: string): AppError =>
  new AppError('VALIDATION_FAILED', { details: [{ field, message }] });
