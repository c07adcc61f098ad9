import { field } from '../field';
import type { ObjectDef } from '../object';
import { address, INDUSTRIES, RATINGS, systemFields } from './common';

export const ACCOUNT: ObjectDef = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: '001',
  custom: false,
  searchable: true,
  fields: [
    ...systemFields('Account', { owner: true }),
    field('Name', 'string', {
      length: 255,
      label: 'Account Name',
      nillable: false,
      nameField: true,
      searchName: true,
    }),
    field('AccountNumber', 'string', { length: 40, label: 'Account Number' }),
    field('Type', 'picklist', {
      label: 'Account Type',
      picklistValues: [
        'Prospect',
        'Customer - Direct',
        'Customer - Channel',
        'Channel Partner / Reseller',
        'Installation Partner',
        'Technology Partner',
        'Other',
      ],
    }),
    field('Industry', 'picklist', { picklistValues: INDUSTRIES }),
    field('Rating', 'picklist', { label: 'Account Rating', picklistValues: RATINGS }),
    field('Phone', 'phone', { label: 'Account Phone' }),
    field('Fax', 'phone', { label: 'Account Fax' }),
    field('Website', 'url'),
    ...address('Billing', 'Billing'),
    ...address('Shipping', 'Shipping'),
    field('AnnualRevenue', 'currency', { label: 'Annual Revenue', precision: 18, scale: 0 }),
    field('NumberOfEmployees', 'int', { label: 'Employees', precision: 8 }),
    field('ParentId', 'reference', {
      label: 'Parent Account ID',
      referenceTo: ['Account'],
      relationshipName: 'Parent',
      childRelationshipName: 'ChildAccounts',
    }),
    field('Description', 'textarea', { length: 32000, label: 'Account Description' }),
  ],
};
