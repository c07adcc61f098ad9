import { field } from '../field';
import type { ObjectDef } from '../object';
import { personName, personNameFields, systemFields } from './common';

/** Users: agents and supervisors are mapped to telephony users by e-mail (SPEC A5). */
export const USER: ObjectDef = {
  name: 'User',
  label: 'User',
  labelPlural: 'Users',
  keyPrefix: '005',
  custom: false,
  searchable: true,
  deletable: false,
  fields: [
    ...systemFields('User', { owner: false }),
    field('Username', 'string', { length: 80, nillable: false, unique: true, searchName: true }),
    ...personNameFields(),
    field('Alias', 'string', { length: 8, nillable: false }),
    field('CommunityNickname', 'string', { length: 40, label: 'Nickname' }),
    field('Email', 'email', { nillable: false }),
    field('Title', 'string', { length: 80 }),
    field('Department', 'string', { length: 80 }),
    field('Phone', 'phone'),
    field('MobilePhone', 'phone', { label: 'Mobile' }),
    field('Extension', 'string', { length: 40 }),
    field('FederationIdentifier', 'string', { length: 512, label: 'Federation ID' }),
    field('IsActive', 'boolean', { label: 'Active', defaultValue: true }),
    field('UserType', 'picklist', {
      label: 'User Type',
      createable: false,
      updateable: false,
      picklistValues: ['Standard'],
      defaultValue: 'Standard',
    }),
    field('ManagerId', 'reference', {
      label: 'Manager ID',
      referenceTo: ['User'],
      relationshipName: 'Manager',
    }),
    field('TimeZoneSidKey', 'picklist', {
      label: 'Time Zone',
      nillable: false,
      picklistValues: [
        'America/Argentina/Buenos_Aires',
        'Europe/Madrid',
        'America/New_York',
        'America/Los_Angeles',
        'GMT',
      ],
    }),
    field('LocaleSidKey', 'picklist', {
      label: 'Locale',
      nillable: false,
      picklistValues: ['es_AR', 'es_ES', 'en_US'],
    }),
    field('LanguageLocaleKey', 'picklist', {
      label: 'Language',
      nillable: false,
      picklistValues: ['es', 'en_US'],
    }),
    field('EmailEncodingKey', 'picklist', {
      label: 'Email Encoding',
      nillable: false,
      picklistValues: ['UTF-8', 'ISO-8859-1'],
      defaultValue: 'UTF-8',
    }),
  ],
  derive: (r) => ({ Name: personName(r) }),
};
