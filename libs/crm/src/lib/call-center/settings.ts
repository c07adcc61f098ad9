import type { PhoneMatchRule } from '@puente/phone';
import type { FieldMapping } from './field-mapping';

export const CRM_OBJECTS = ['Contact', 'Account', 'Lead', 'Opportunity'] as const;
export type CrmObjectType = (typeof CRM_OBJECTS)[number];

/** searchTypePriority values (seed 004); "Company" stands for business Accounts. */
export const SEARCH_TYPES = ['Contact', 'Account', 'Lead', 'Opportunity', 'Company'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export type CallType = 'inbound' | 'outbound' | 'internal';

/** The softphone layout's screen-pop rules for one call type (C2). */
export interface PopLayout {
  noMatch: { action: 'none' } | { action: 'new'; objectType: CrmObjectType };
  singleMatch: 'open' | 'none';
  multipleMatches: 'search' | 'none';
}

/** Subject and Description templates with [Variables] for each kind of call (C11). */
export interface TaskTemplates {
  subject: string;
  inboundAnswered: string;
  inboundMissed: string;
  outboundAnswered: string;
  outboundUnanswered: string;
}

/** Everything the Call Center definition says, typed (C6, C7). */
export interface CallCenterSettings {
  general: {
    internalName: string;
    displayName: string;
    adapterUrl: string;
    useApi: boolean;
    softphoneHeight: number;
    softphoneWidth: number;
    compatibilityMode: 'Classic' | 'Lightning' | 'Classic_and_Lightning';
  };
  searchTypePriority: SearchType[];
  externalData: FieldMapping[];
  defaultNewRowData: FieldMapping[];
  allowCategorization: boolean;
  allowClickToDialSearch: boolean;
  useTaskDescriptionField: boolean;
  allowContactRelease: boolean;
  /** Seconds after hang-up; -1 off. */
  automaticContactRelease: number;
  saveActivityLog: boolean;
  allowTextMessage: boolean;
  /** Salesforce object that campaign ids link to, or null. */
  campaignEntityName: string | null;
  /** Puente's own options (section puenteOptions), each defaulted when absent. */
  puente: {
    /** Salesforce fields the dialer's key (crmKey / Clave_1) is looked up in, in order (C1). */
    keyFields: string[];
    phoneMatch: PhoneMatchRule;
    defaultCountry: string;
    /** When the search runs: on ring, on answer, or by dialer mode (predictive on answer, B7). */
    searchTiming: 'ring' | 'answer' | 'auto';
    skipInternalCalls: boolean;
    /** Dialled numbers (DNIS) that trigger the CTI for inbound calls; empty means all (C15). */
    triggerNumbers: string[];
    anonymousLabel: string;
    noMatchName: string;
    multipleMatchName: string;
    /** Unknown callers: create a record of this type with a company-name template (C13). */
    unknownCaller: { create: 'Lead' | 'Contact' | 'none'; company: string };
    /** Fields shown in the panel's caller card per object (C14). */
    displayFields: Record<CrmObjectType, string[]>;
    layouts: Record<CallType, PopLayout>;
    templates: TaskTemplates;
    /** Link to the call's recording on the Task (C16); [CallId] etc. are filled in. */
    recordingUrl: string | null;
  };
}
