import { field } from '../field';
import type { ObjectDef } from '../object';
import { systemFields } from './common';

export const TASK_STATUSES = [
  'Not Started',
  'In Progress',
  'Completed',
  'Waiting on someone else',
  'Deferred',
];

/** Activities: the call log of SPEC C11 (CallObject carries the call id, the idempotency key). */
export const TASK: ObjectDef = {
  name: 'Task',
  label: 'Task',
  labelPlural: 'Tasks',
  keyPrefix: '00T',
  custom: false,
  searchable: true,
  fields: [
    ...systemFields('Activity', { owner: true }),
    field('Subject', 'combobox', {
      nameField: true,
      searchName: true,
      picklistValues: ['Call', 'Send Letter', 'Send Quote', 'Other'],
    }),
    field('Status', 'picklist', {
      nillable: false,
      picklistValues: TASK_STATUSES,
      defaultValue: 'Not Started',
    }),
    field('Priority', 'picklist', {
      nillable: false,
      picklistValues: ['High', 'Normal', 'Low'],
      defaultValue: 'Normal',
    }),
    field('ActivityDate', 'date', { label: 'Due Date Only' }),
    field('WhoId', 'reference', {
      label: 'Name ID',
      referenceTo: ['Contact', 'Lead'],
      relationshipName: 'Who',
      childRelationshipName: 'Tasks',
    }),
    field('WhatId', 'reference', {
      label: 'Related To ID',
      referenceTo: ['Account', 'Opportunity'],
      relationshipName: 'What',
      childRelationshipName: 'Tasks',
    }),
    field('Description', 'textarea', { length: 32000 }),
    field('Type', 'picklist', { picklistValues: ['Call', 'Email', 'Meeting', 'Other'] }),
    field('TaskSubtype', 'picklist', {
      label: 'Task Subtype',
      updateable: false,
      picklistValues: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'],
      defaultValue: 'Task',
    }),
    field('CallType', 'picklist', {
      label: 'Call Type',
      picklistValues: ['Inbound', 'Outbound', 'Internal'],
      restrictedPicklist: true,
    }),
    field('CallDurationInSeconds', 'int', { label: 'Call Duration', precision: 8 }),
    field('CallObject', 'string', { length: 255, label: 'Call Object Identifier' }),
    field('CallDisposition', 'string', { length: 255, label: 'Call Result' }),
    field('IsClosed', 'boolean', { label: 'Closed', createable: false, updateable: false, calculated: true }),
  ],
  derive: (r) => ({ IsClosed: r['Status'] === 'Completed' }),
};
