import { z } from 'zod';

/**
 * Key prefixes (the first three characters of every id) of the Salesforce
 * objects Puente reads or writes: the four a pop can show, Task (the call
 * log) and User (the Task's owner). They are the same in every org.
 */
export const SALESFORCE_KEY_PREFIXES = {
  Account: '001',
  Contact: '003',
  Lead: '00Q',
  Opportunity: '006',
  Task: '00T',
  User: '005',
} as const;
export type SalesforceObject = keyof typeof SALESFORCE_KEY_PREFIXES;

const OBJECT_OF_PREFIX = new Map<string, SalesforceObject>(
  Object.entries(SALESFORCE_KEY_PREFIXES).map(([object, prefix]) => [prefix, object as SalesforceObject]),
);

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 3-character suffix that turns a 15-character id into its 18-character
 * form: for each block of five characters, a bit per upper-case letter (the
 * first character is the lowest bit), written with A-Z0-5.
 */
export function salesforceIdSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(block * 5 + i);
      if (c >= 'A' && c <= 'Z') flags |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(flags);
  }
  return suffix;
}

/**
 * Why `value` is not a Salesforce record id — of one of `objects`, when
 * given — in words for an error message; null when it is one. An id is 15
 * case-sensitive letters and digits, or those 15 followed by their case
 * checksum. Nothing else (no slash, dot, percent or space) can pass, so an
 * id that passes is safe in a REST path and in a SOQL literal.
 */
export function salesforceIdProblem(value: unknown, objects?: readonly SalesforceObject[]): string | null {
  if (typeof value !== 'string') return 'must be a Salesforce id (a string)';
  if (!/^[A-Za-z0-9]*$/.test(value)) return 'must be a Salesforce id: letters and digits only';
  if (value.length !== 15 && value.length !== 18)
    return `must be a Salesforce id of 15 or 18 characters (got ${value.length})`;
  if (value.length === 18 && value.slice(15) !== salesforceIdSuffix(value.slice(0, 15)))
    return 'must be a Salesforce id: its last 3 characters are not the case checksum of the first 15';
  if (objects && !objects.some((o) => value.startsWith(SALESFORCE_KEY_PREFIXES[o])))
    return `must be the id of ${objects
      .map((o) => `${/^[AEIOU]/.test(o) ? 'an' : 'a'} ${o} (${SALESFORCE_KEY_PREFIXES[o]}…)`)
      .join(' or ')}, not of a record starting ${value.slice(0, 3)}`;
  return null;
}

/** Whether `value` is a Salesforce id (of one of `objects`, when given): 15 or 18 characters, checksum checked. */
export function isSalesforceId(value: unknown, objects?: readonly SalesforceObject[]): value is string {
  return salesforceIdProblem(value, objects) === null;
}

/** The object a valid id belongs to by its key prefix, among those Puente knows; null for others and non-ids. */
export function objectOfSalesforceId(value: unknown): SalesforceObject | null {
  if (!isSalesforceId(value)) return null;
  return OBJECT_OF_PREFIX.get(value.slice(0, 3)) ?? null;
}

/** A zod schema for a Salesforce id (of one of `objects`, when given), with the rule's own words as its message. */
export function salesforceIdSchema(objects?: readonly SalesforceObject[]) {
  return z.string().superRefine((value, ctx) => {
    const problem = salesforceIdProblem(value, objects);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
