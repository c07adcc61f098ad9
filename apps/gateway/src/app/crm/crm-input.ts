import { salesforceIdProblem, type SalesforceObject } from '@puente/contracts';
import { CRM_OBJECTS, type CrmObjectType } from '@puente/crm';
import { CrmInputError } from './crm.port';

/**
 * The checks the jsforce adapter runs before anything reaches Salesforce
 * (issue 14 §1), whoever called it: object names go into SOQL and REST
 * paths, ids into REST paths (where "../" walks out of the record) and
 * field names into SOQL, so none of them may be anything but what it claims.
 */

/** `value` when it is one of the CRM objects (Contact, Account, Lead, Opportunity). */
export function crmObject(value: string, field = 'objectType'): CrmObjectType {
  if (!(CRM_OBJECTS as readonly string[]).includes(value))
    throw new CrmInputError(field, `must be one of ${CRM_OBJECTS.join(', ')}`);
  return value as CrmObjectType;
}

/** `id` when it is a Salesforce id of one of `objects`: 15 or 18 characters, checksum and key prefix checked. */
export function recordId(id: unknown, objects: readonly SalesforceObject[], field = 'recordId'): string {
  const problem = salesforceIdProblem(id, objects);
  if (problem) throw new CrmInputError(field, problem);
  return id as string;
}

/** A field name, or a relationship path such as Owner.Name, as Salesforce spells them. */
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]{0,79}(?:\.[A-Za-z][A-Za-z0-9_]{0,79}){0,4}$/;

/** `name` when it is a field name or relationship path, safe to write into SOQL. */
export function fieldPath(name: string, field = 'field'): string {
  if (!FIELD_PATH.test(name)) throw new CrmInputError(field, `"${name}" is not a Salesforce field name`);
  return name;
}

/**
 * The values of a create or update: plain field names only, and never Id —
 * the record's id is the adapter's to set, from a checked argument.
 */
export function fieldValues(values: Record<string, unknown>): Record<string, unknown> {
  for (const name of Object.keys(values)) {
    if (name.includes('.')) throw new CrmInputError('values', `"${name}" is not a field of the record`);
    fieldPath(name, 'values');
    if (name.toLowerCase() === 'id') throw new CrmInputError('values', 'Id cannot be set or changed');
  }
  return values;
}

/** Who and what a call's Task may link to, and who may own it. */
const TASK_LINKS: Record<string, readonly SalesforceObject[]> = {
  WhoId: ['Contact', 'Lead'],
  WhatId: ['Account', 'Opportunity'],
  OwnerId: ['User'],
};

/** A call's Task whose links (when set) are ids of the objects they may name. */
export function callTask(task: Record<string, unknown>): Record<string, unknown> {
  fieldValues(task);
  for (const [link, objects] of Object.entries(TASK_LINKS)) {
    const value = task[link];
    if (value !== undefined && value !== null && value !== '') recordId(value, objects, link);
  }
  return task;
}
