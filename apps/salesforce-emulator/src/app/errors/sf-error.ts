/**
 * An error the REST API reports the way Salesforce does: an HTTP status and a
 * JSON array of `{message, errorCode, fields?}`. `fields` is present on
 * record (DML) errors and absent on request-level errors, as on a real org.
 */
export class SfApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: readonly string[],
  ) {
    super(message);
    this.name = 'SfApiError';
  }

  toJSON(): SfErrorBody {
    return this.fields === undefined
      ? { message: this.message, errorCode: this.errorCode }
      : { message: this.message, errorCode: this.errorCode, fields: [...this.fields] };
  }

  /** The error as an element of a SaveResult's `errors` (sObject collections use `statusCode`). */
  toSaveError(): SaveError {
    return { statusCode: this.errorCode, message: this.message, fields: [...(this.fields ?? [])] };
  }
}

export interface SfErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** Record-level failure (DML): always carries `fields`, even when empty. */
export function dmlError(
  errorCode: string,
  message: string,
  fields: readonly string[] = [],
  status = 400,
): SfApiError {
  return new SfApiError(status, errorCode, message, fields);
}

export const sfErrors = {
  invalidSession: () => new SfApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'),
  notFound: (message = 'The requested resource does not exist') => new SfApiError(404, 'NOT_FOUND', message),
  methodNotAllowed: (method: string, allowed: readonly string[]) =>
    new SfApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`,
    ),
  invalidType: (message: string) => new SfApiError(400, 'INVALID_TYPE', message),
  requestLimitExceeded: () => new SfApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
  jsonParser: (message: string) => new SfApiError(400, 'JSON_PARSER_ERROR', message),
  unknownException: (errorId: string) =>
    new SfApiError(
      500,
      'UNKNOWN_EXCEPTION',
      `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
    ),
};
