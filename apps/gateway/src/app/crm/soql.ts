import { objectOfSalesforceId } from '@puente/contracts';
import { CRM_OBJECTS, type CrmObjectType } from '@puente/crm';

/** A SOQL string literal: quotes, backslashes and control characters escaped (never string-built from raw input). */
export function soqlString(value: string): string {
  return `'${value
    .replace(/[\\'"]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')}'`;
}

/** SOSL's reserved characters: ? & | ! { } [ ] ( ) ^ ~ * : \ " ' + - */
const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;
const SOSL_OPERATORS = new Set(['AND', 'OR', 'NOT']);

/**
 * The FIND {…} term for what an agent typed, every word of it literal:
 * reserved characters escaped, AND / OR / NOT quoted so that they are words
 * rather than operators, and words without a letter or digit left out (the
 * index splits text at punctuation, so they could never match). Null when
 * fewer than two letters or digits remain: there is nothing to search for.
 */
export function soslFindTerm(text: string): string | null {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.join('').replace(/[^\p{L}\p{N}]/gu, '').length < 2) return null;
  return words
    .map((w) => (SOSL_OPERATORS.has(w.toUpperCase()) ? `"${w}"` : w.replace(SOSL_RESERVED, (c) => `\\${c}`)))
    .join(' ');
}

/** The CRM object of a record id (15 or 18 characters, checksum checked) by its key prefix; null for any other id or none. */
export function objectOfId(id: string): CrmObjectType | null {
  const object = objectOfSalesforceId(id);
  return object && (CRM_OBJECTS as readonly string[]).includes(object) ? (object as CrmObjectType) : null;
}

/** The digits of a number reversed: "last N digits" becomes an index-friendly prefix (PhoneIndex__c.ReversedDigits__c). */
export function reversedDigits(number: string): string {
  return number.replace(/\D/g, '').split('').reverse().join('');
}
