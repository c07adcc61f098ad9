import { NeoApiError } from '@puente/neoapi';
import { DialerError } from '../dialer-error';

/** A NeoApi refusal or failure as the port's DialerError (the codes are the same words); anything else as it is. */
export function toDialerError(error: unknown): unknown {
  return error instanceof NeoApiError ? new DialerError(error.code, error.message, error.details) : error;
}

/** Runs a NeoApi call, its failures as DialerErrors. */
export async function asDialer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toDialerError(error);
  }
}
