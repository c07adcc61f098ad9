import { field, type FieldDef, type FieldOptions } from '../field';
import type { SObjectRecord } from '../object';

const readOnly: FieldOptions = { createable: false, updateable: false };

/** The audit fields every object has, plus OwnerId where records are owned. */
export function systemFields(label: string, options: { owner: boolean }): FieldDef[] {
  return [
    field('Id', 'id', { ...readOnly, label: `${label} ID`, nillable: false }),
    field('IsDeleted', 'boolean', { ...readOnly, label: 'Deleted' }),
    field('CreatedDate', 'datetime', { ...readOnly, nillable: false, label: 'Created Date' }),
    field('CreatedById', 'reference', {
      ...readOnly,
      nillable: false,
      label: 'Created By ID',
      referenceTo: ['User'],
      relationshipName: 'CreatedBy',
    }),
    field('LastModifiedDate', 'datetime', { ...readOnly, nillable: false, label: 'Last Modified Date' }),
    field('LastModifiedById', 'reference', {
      ...readOnly,
      nillable: false,
      label: 'Last Modified By ID',
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy',
    }),
    field('SystemModstamp', 'datetime', { ...readOnly, nillable: false, label: 'System Modstamp' }),
    ...(options.owner
      ? [
          // Defaults to the running user on insert, so it is not required.
          field('OwnerId', 'reference', {
            nillable: false,
            required: false,
            label: 'Owner ID',
            referenceTo: ['User'],
            relationshipName: 'Owner',
          }),
        ]
      : []),
  ];
}

/** A person's compound Name: "First Last", read-only and searchable as a name. */
export function personNameFields(lastNameLength = 80): FieldDef[] {
  return [
    field('FirstName', 'string', { length: 40, label: 'First Name', searchName: true }),
    field('LastName', 'string', {
      length: lastNameLength,
      label: 'Last Name',
      nillable: false,
      searchName: true,
    }),
    field('Name', 'string', {
      length: 121,
      label: 'Full Name',
      createable: false,
      updateable: false,
      calculated: true,
      nameField: true,
      searchName: true,
    }),
  ];
}

export function personName(record: SObjectRecord): string {
  return [record['FirstName'], record['LastName']]
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join(' ');
}

export function address(prefix: string, label: string): FieldDef[] {
  return [
    field(`${prefix}Street`, 'textarea', { label: `${label} Street` }),
    field(`${prefix}City`, 'string', { length: 40, label: `${label} City` }),
    field(`${prefix}State`, 'string', { length: 80, label: `${label} State/Province` }),
    field(`${prefix}PostalCode`, 'string', { length: 20, label: `${label} Zip/Postal Code` }),
    field(`${prefix}Country`, 'string', { length: 80, label: `${label} Country` }),
  ];
}

export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
export const INDUSTRIES = [
  'Agriculture',
  'Banking',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Energy',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Retail',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
  'Other',
];
export const RATINGS = ['Hot', 'Warm', 'Cold'];
