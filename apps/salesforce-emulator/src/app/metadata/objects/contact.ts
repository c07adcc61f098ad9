import { field } from '../field';
import type { ObjectDef } from '../object';
import { address, LEAD_SOURCES, personName, personNameFields, systemFields } from './common';

export const CONTACT: ObjectDef = {
  name: 'Contact',
  label: 'Contact',
  labelPlural: 'Contacts',
  keyPrefix: '003',
  custom: false,
  searchable: true,
  fields: [
    ...systemFields('Contact', { owner: true }),
    field('Salutation', 'picklist', { picklistValues: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] }),
    ...personNameFields(),
    field('AccountId', 'reference', {
      label: 'Account ID',
      referenceTo: ['Account'],
      relationshipName: 'Account',
      childRelationshipName: 'Contacts',
    }),
    field('Title', 'string', { length: 128 }),
    field('Department', 'string', { length: 80 }),
    field('Email', 'email'),
    field('Phone', 'phone', { label: 'Business Phone' }),
    field('MobilePhone', 'phone', { label: 'Mobile Phone' }),
    field('HomePhone', 'phone', { label: 'Home Phone' }),
    field('OtherPhone', 'phone', { label: 'Other Phone' }),
    field('Fax', 'phone', { label: 'Business Fax' }),
    ...address('Mailing', 'Mailing'),
    field('Birthdate', 'date'),
    field('LeadSource', 'picklist', { label: 'Lead Source', picklistValues: LEAD_SOURCES }),
    field('HasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }),
    field('DoNotCall', 'boolean', { label: 'Do Not Call' }),
    field('Description', 'textarea', { length: 32000, label: 'Contact Description' }),
  ],
  derive: (r) => ({ Name: personName(r) }),
};
