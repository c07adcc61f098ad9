import type { Logger } from 'pino';
import { MultipleMatchesError } from '../dml/dml.service';
import { SfApiError, sfErrors } from '../errors/sf-error';
import { recordUrl } from '../soql/projection';
import type { RestResponse } from './rest-types';

let incident = 0;

/**
 * Any failure of a handler as the REST API reports it: Salesforce-shaped
 * errors as they are, several external-id matches as 300 with their URLs,
 * and anything unexpected as 500 UNKNOWN_EXCEPTION (logged), never a stack.
 */
export function errorResponse(error: unknown, version: string, logger?: Logger): RestResponse {
  if (error instanceof MultipleMatchesError) {
    return { status: 300, body: error.ids.map((id) => recordUrl(version, error.typeName, id)) };
  }
  if (error instanceof SfApiError) return { status: error.status, body: [error.toJSON()] };
  incident++;
  const errorId = `${String(2_000_000 + incident)}-${String(20_000 + incident)} (-2${String(incident).padStart(8, '0')})`;
  logger?.error({ err: error, context: 'DataApi', errorId }, 'unexpected error in the data API');
  return { status: 500, body: [sfErrors.unknownException(errorId).toJSON()] };
}

export function isFailure(response: RestResponse): boolean {
  return response.status >= 400;
}
