import { SfApiError, sfErrors } from '../errors/sf-error';
import { normalizeId } from '../ids/sf-id';
import type { SObjectType } from '../metadata/object';
import { runSoql } from '../soql/executor';
import { recordUrl } from '../soql/projection';
import type { RestContext, RestRequest } from './rest-types';

/** The object named in a URL; unknown objects are 404 NOT_FOUND there, as on Salesforce. */
export function typeFromUrl(ctx: RestContext, name: string): SObjectType {
  const type = ctx.org.catalogue.find(name);
  if (!type) throw sfErrors.notFound();
  return type;
}

/**
 * The record id in a URL: something that is not an id at all is read as an
 * external-id field name (404), an id of another object or with a wrong
 * checksum is MALFORMED_ID.
 */
export function idFromUrl(type: SObjectType, raw: string): string {
  const id = normalizeId(raw);
  if (id === null) {
    if (/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(raw)) {
      throw new SfApiError(400, 'MALFORMED_ID', `${type.def.label} ID: id value of incorrect type: ${raw}`, [
        'Id',
      ]);
    }
    throw sfErrors.notFound(`Provided external ID field does not exist or is not accessible: ${raw}`);
  }
  if (id.slice(0, 3) !== type.keyPrefix) {
    throw new SfApiError(400, 'MALFORMED_ID', `${type.def.label} ID: id value of incorrect type: ${raw}`, [
      'Id',
    ]);
  }
  return id;
}

/** The field list of a retrieve: ?fields=a,b or every field. */
export function fieldList(type: SObjectType, param: string | null): string {
  if (param === null || param.trim() === '') return type.fields.map((f) => f.name).join(', ');
  const names = param
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
  // Salesforce adds the Id after the fields asked for.
  if (!names.some((n) => n.toLowerCase() === 'id')) names.push('Id');
  return names.join(', ');
}

/**
 * GET of one record, run as the SOQL query Salesforce itself runs for it,
 * so fields, relationship paths and their errors behave the same.
 */
export function retrieve(
  req: RestRequest,
  ctx: RestContext,
  type: SObjectType,
  id: string,
  fields: string | null,
) {
  const stored = ctx.org.store.get(type.name, id);
  if (!stored) throw sfErrors.notFound();
  if (stored['IsDeleted'] === true) throw new SfApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  const env = ctx.org.queryEnv(ctx.session.userId, req.version);
  const [record] = runSoql(
    env,
    `SELECT ${fieldList(type, fields)} FROM ${type.name} WHERE Id = '${id}'`,
  ).records;
  if (!record) throw sfErrors.notFound();
  return record;
}

export function urlOf(req: RestRequest, typeName: string, id: string): string {
  return recordUrl(req.version, typeName, id);
}

export const saveResult = (id: string) => ({ id, success: true, errors: [] as unknown[] });
