import { field } from '../field';
import type { ObjectDef } from '../object';
import { INDUSTRIES, LEAD_SOURCES, personName, personNameFields, RATINGS, systemFields } from './common';

export const LEAD_STATUSES = [
  'Open - Not Contacted',
  'Working - Contacted',
  'Closed - Converted',
  'Closed - Not Converted',
];

export const LEAD: ObjectDef = {
  name: 'Lead',
  label: 'Lead',
  labelPlural: 'Leads',
  keyPrefix: '00Q',
  custom: false,
  searchable: true,
  fields: [
    ...systemFields('Lead', { owner: true }),
    field('Salutation', 'picklist', { picklistValues: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] }),
    ...personNameFields(),
    field('Company', 'string', { length: 255, nillable: false, searchName: true }),
    field('Title', 'string', { length: 128 }),
    field('Email', 'email'),
    field('Phone', 'phone'),
    field('MobilePhone', 'phone', { label: 'Mobile Phone' }),
    field('Fax', 'phone'),
    field('Website', 'url'),
    field('Status', 'picklist', {
      label: 'Lead Status',
      nillable: false,
      picklistValues: LEAD_STATUSES,
      defaultValue: 'Open - Not Contacted',
    }),
    field('LeadSource', 'picklist', { label: 'Lead Source', picklistValues: LEAD_SOURCES }),
    field('Industry', 'picklist', { picklistValues: INDUSTRIES }),
    field('Rating', 'picklist', { picklistValues: RATINGS }),
    field('Street', 'textarea'),
    field('City', 'string', { length: 40 }),
    field('State', 'string', { length: 80, label: 'State/Province' }),
    field('PostalCode', 'string', { length: 20, label: 'Zip/Postal Code' }),
    field('Country', 'string', { length: 80 }),
    field('AnnualRevenue', 'currency', { label: 'Annual Revenue', precision: 18, scale: 0 }),
    field('NumberOfEmployees', 'int', { label: 'Employees', precision: 8 }),
    field('IsConverted', 'boolean', { label: 'Converted', createable: false, updateable: false }),
    field('DoNotCall', 'boolean', { label: 'Do Not Call' }),
    field('Description', 'textarea', { length: 32000 }),
  ],
  derive: (r) => ({ Name: personName(r) }),
};
