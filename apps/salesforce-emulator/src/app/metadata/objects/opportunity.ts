import { field } from '../field';
import type { ObjectDef, SObjectRecord } from '../object';
import { LEAD_SOURCES, systemFields } from './common';

/** Stages with their default probability, as in a new org. */
export const OPPORTUNITY_STAGES: readonly (readonly [string, number])[] = [
  ['Prospecting', 10],
  ['Qualification', 10],
  ['Needs Analysis', 20],
  ['Value Proposition', 50],
  ['Id. Decision Makers', 60],
  ['Perception Analysis', 70],
  ['Proposal/Price Quote', 75],
  ['Negotiation/Review', 90],
  ['Closed Won', 100],
  ['Closed Lost', 0],
];

function deriveStage(r: SObjectRecord): SObjectRecord {
  const stage = r['StageName'];
  const probability = r['Probability'] ?? OPPORTUNITY_STAGES.find(([s]) => s === stage)?.[1] ?? null;
  return {
    IsClosed: stage === 'Closed Won' || stage === 'Closed Lost',
    IsWon: stage === 'Closed Won',
    Probability: probability,
  };
}

export const OPPORTUNITY: ObjectDef = {
  name: 'Opportunity',
  label: 'Opportunity',
  labelPlural: 'Opportunities',
  keyPrefix: '006',
  custom: false,
  searchable: true,
  fields: [
    ...systemFields('Opportunity', { owner: true }),
    field('Name', 'string', { length: 120, nillable: false, nameField: true, searchName: true }),
    field('AccountId', 'reference', {
      label: 'Account ID',
      referenceTo: ['Account'],
      relationshipName: 'Account',
      childRelationshipName: 'Opportunities',
    }),
    field('StageName', 'picklist', {
      label: 'Stage',
      nillable: false,
      picklistValues: OPPORTUNITY_STAGES.map(([s]) => s),
    }),
    field('CloseDate', 'date', { label: 'Close Date', nillable: false }),
    field('Amount', 'currency'),
    field('Probability', 'percent', { label: 'Probability (%)', precision: 3, scale: 0 }),
    field('Type', 'picklist', {
      label: 'Opportunity Type',
      picklistValues: [
        'Existing Customer - Upgrade',
        'Existing Customer - Replacement',
        'Existing Customer - Downgrade',
        'New Customer',
      ],
    }),
    field('LeadSource', 'picklist', { label: 'Lead Source', picklistValues: LEAD_SOURCES }),
    field('NextStep', 'string', { length: 255, label: 'Next Step' }),
    field('IsClosed', 'boolean', { label: 'Closed', createable: false, updateable: false, calculated: true }),
    field('IsWon', 'boolean', { label: 'Won', createable: false, updateable: false, calculated: true }),
    field('Description', 'textarea', { length: 32000 }),
  ],
  derive: deriveStage,
};
