import { field } from '../field';
import type { ObjectDef } from '../object';
import { systemFields } from './common';

/**
 * The freshly indexed phone lookup a real org gets from an Apex trigger (see
 * docs/salesforce-emulator.md): one row per phone field of each Contact,
 * Account and Lead, in E.164 and with the digits reversed so that "last N
 * digits" becomes an index-friendly prefix (LIKE '4321555%').
 */
export const PHONE_INDEX: ObjectDef = {
  name: 'PhoneIndex__c',
  label: 'Phone Index',
  labelPlural: 'Phone Index',
  keyPrefix: 'a0P',
  custom: true,
  searchable: false,
  autoNumberFormat: 'PI-{0000000}',
  fields: [
    ...systemFields('Phone Index', { owner: true }),
    field('Name', 'string', {
      length: 80,
      label: 'Phone Index Name',
      createable: false,
      updateable: false,
      autoNumber: true,
      nameField: true,
      nillable: false,
    }),
    field('E164__c', 'string', { length: 32, label: 'E.164 Number', externalId: true }),
    field('ReversedDigits__c', 'string', { length: 32, label: 'Reversed Digits', externalId: true }),
    field('RecordId__c', 'string', { length: 18, label: 'Record ID', caseSensitive: true, externalId: true }),
    field('ObjectType__c', 'string', { length: 40, label: 'Object Type' }),
    field('FieldName__c', 'string', { length: 80, label: 'Field Name' }),
  ],
};
