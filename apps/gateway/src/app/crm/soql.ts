import type { CrmObjectType } from '@puente/crm';

/** A SOQL string literal: quotes, backslashes and control characters escaped (never string-built from raw input). */
export function soqlString(value: string): string {
  return `'${value
    .replace(/[\\'"]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')}'`;
}

/** SOSL reserved characters (? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -) escaped for FIND {…}. */
export function soslTerm(value: string): string {
  return value.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, (c) => `\\${c}`);
}

const PREFIXES: Record<string, CrmObjectType> = {
  '003': 'Contact',
  '001': 'Account',
  '00Q': 'Lead',
  '006': 'Opportunity',
};

/** The object of a record id by its key prefix, for the objects a pop can show. */
export function objectOfId(id: string): CrmObjectType | null {
  if (!/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(id)) return null;
  return PREFIXES[id.slice(0, 3)] ?? null;
}

/** The digits of a number reversed: "last N digits" becomes an index-friendly prefix (PhoneIndex__c.ReversedDigits__c). */
export function reversedDigits(number: string): string {
  return number.replace(/\D/g, '').split('').reverse().join('');
}
