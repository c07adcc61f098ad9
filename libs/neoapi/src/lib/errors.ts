import { z } from 'zod';

/**
 * Error codes of the dialer webservice. Stable: the gateway maps them onto its
 * own codes and the panel shows them in the agent's words.
 */
export const NEO_ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_CREDENTIALS',
  'NOT_LOGGED_IN',
  'FORBIDDEN',
  'INVALID_STATE',
  /** The user asked for (a transfer, an invitation) is logged in but not free; details.state says why. */
  'TARGET_BUSY',
  'NOT_FOUND',
  'INVALID_NUMBER',
  'CONFLICT',
  'UNKNOWN_METHOD',
  'INTERNAL',
  'UNAVAILABLE',
  'TIMEOUT',
] as const;

export const NeoErrorCodeSchema = z.enum(NEO_ERROR_CODES);
export type NeoErrorCode = z.infer<typeof NeoErrorCodeSchema>;

/** HTTP status the webservice answers with for each code. */
export const NEO_ERROR_STATUS: Record<NeoErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_CREDENTIALS: 401,
  NOT_LOGGED_IN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  INVALID_STATE: 409,
  TARGET_BUSY: 409,
  CONFLICT: 409,
  INVALID_NUMBER: 422,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
};

export const NeoErrorBodySchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: NeoErrorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type NeoErrorBody = z.infer<typeof NeoErrorBodySchema>;

/** A refusal or failure of the dialer, with its stable code. */
export class NeoApiError extends Error {
  constructor(
    readonly code: NeoErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'NeoApiError';
  }

  get status(): number {
    return NEO_ERROR_STATUS[this.code];
  }

  /** Transport-level failures: the dialer could not be asked, as opposed to answering no. */
  get isUnavailable(): boolean {
    return this.code === 'UNAVAILABLE' || this.code === 'TIMEOUT';
  }

  /**
   * The request left but no answer came back (TIMEOUT): the dialer may have
   * acted. UNAVAILABLE, by contrast, means it never saw the request.
   */
  get outcomeUnknown(): boolean {
    return this.code === 'TIMEOUT';
  }

  toBody(): NeoErrorBody {
    return {
      ok: false,
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}
