import { SfApiError } from '../errors/sf-error';

/**
 * Salesforce's query error text: the offending line of the query, a caret
 * under the column, "ERROR at Row:r:Column:c" and the message.
 */
export function positioned(text: string, pos: number, message: string): string {
  const before = text.slice(0, Math.max(0, pos));
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', pos) === -1 ? text.length : text.indexOf('\n', pos);
  const column = pos - lineStart + 1;
  const line = text.slice(lineStart, lineEnd);
  return `\n${line}\n${' '.repeat(Math.max(0, column - 1))}^\nERROR at Row:${row}:Column:${column}\n${message}`;
}

/** Errors of the query language, carrying where in the text they were found. */
export class QueryError extends SfApiError {
  constructor(errorCode: string, text: string, pos: number, message: string) {
    super(400, errorCode, positioned(text, pos, message));
  }
}

export const queryErrors = {
  malformed: (text: string, pos: number, message: string) =>
    new QueryError('MALFORMED_QUERY', text, pos, message),
  invalidField: (text: string, pos: number, message: string) =>
    new QueryError('INVALID_FIELD', text, pos, message),
  invalidType: (text: string, pos: number, name: string) =>
    new QueryError(
      'INVALID_TYPE',
      text,
      pos,
      `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append ` +
        "the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    ),
  filter: (text: string, pos: number, message: string) =>
    new QueryError('INVALID_QUERY_FILTER_OPERATOR', text, pos, message),
  noSuchColumn: (text: string, pos: number, name: string, objectName: string) =>
    new QueryError(
      'INVALID_FIELD',
      text,
      pos,
      `No such column '${name}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to ` +
        "append the '__c' after the custom field name. Please reference your WSDL or the describe call for the " +
        'appropriate names.',
    ),
  badRelationship: (text: string, pos: number, name: string) =>
    new QueryError(
      'INVALID_FIELD',
      text,
      pos,
      `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, ` +
        "be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe " +
        'call for the appropriate names.',
    ),
};
