import { z } from 'zod';
import { errorStatus } from '../errors';

const errorCodes = Object.keys(errorStatus) as [
  keyof typeof errorStatus,
  ...Array<keyof typeof errorStatus>,
];

export const errorResponse = z.object({
  error: z.object({
    code: z.enum(errorCodes).describe('Stable error code; the message is Danish and may change'),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
});

/** The error responses every authenticated API route may give, for the OpenAPI document. */
export const commonErrors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
} as const;
