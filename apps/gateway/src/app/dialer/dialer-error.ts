/**
 * How the dialer refused or failed, whatever dialer it is. The adapter maps
 * its own failures onto these; dialer-errors.ts maps them onto the gateway's
 * codes, and they label the dialer error metric.
 */
export const DIALER_ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_CREDENTIALS',
  'NOT_LOGGED_IN',
  'FORBIDDEN',
  'INVALID_STATE',
  'TARGET_BUSY',
  'NOT_FOUND',
  'INVALID_NUMBER',
  'CONFLICT',
  'UNKNOWN_METHOD',
  'INTERNAL',
  /** The command never reached the dialer (it did not happen). */
  'UNAVAILABLE',
  /** The command left and no answer came back: it may still happen. */
  'TIMEOUT',
] as const;

export type DialerErrorCode = (typeof DIALER_ERROR_CODES)[number];

export class DialerError extends Error {
  constructor(
    readonly code: DialerErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DialerError';
  }

  /** The dialer could not be asked, as opposed to answering no. */
  get isUnavailable(): boolean {
    return this.code === 'UNAVAILABLE' || this.code === 'TIMEOUT';
  }

  /** Sent but unanswered (issue 15 §4): the dialer may have acted. */
  get outcomeUnknown(): boolean {
    return this.code === 'TIMEOUT';
  }
}
