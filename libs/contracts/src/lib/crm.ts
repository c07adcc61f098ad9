import { z } from 'zod';
import { SettingsSourceSchema } from './salesforce-settings';
import { isSalesforceId, salesforceIdProblem, salesforceIdSchema } from './salesforce-id';

/** Salesforce objects a pop can open or create (C1, C2). */
export const CrmObjectSchema = z.enum(['Contact', 'Account', 'Lead', 'Opportunity']);
export type CrmObject = z.infer<typeof CrmObjectSchema>;

/**
 * A record a request names: one of the CRM objects, and an id of that
 * object (its key prefix). Nothing else may reach Salesforce (issue 14 §1).
 */
export const CrmRecordRefSchema = z
  .object({
    objectType: z.enum(CrmObjectSchema.options, {
      error: `must be one of ${CrmObjectSchema.options.join(', ')}`,
    }),
    recordId: salesforceIdSchema(),
  })
  .superRefine(({ objectType, recordId }, ctx) => {
    // An id that is no id at all has been reported by its own schema already.
    if (!isSalesforceId(recordId)) return;
    const problem = salesforceIdProblem(recordId, [objectType]);
    if (problem) ctx.addIssue({ code: 'custom', path: ['recordId'], message: problem });
  });
export type CrmRecordRef = z.infer<typeof CrmRecordRefSchema>;

/** One record the panel's free-text search found (C10): `GET /api/v1/crm/search?q=` answers `{ items }`. */
export interface CrmSearchItem {
  objectType: CrmObject;
  id: string;
  name: string;
}

/**
 * What the panel must do on screen for a call (DESIGN principle 4: the
 * gateway decides, the panel executes through Open CTI).
 */
export const PopDecisionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('record'), objectType: CrmObjectSchema, recordId: z.string() }),
  z.object({
    type: z.literal('new_record'),
    objectType: CrmObjectSchema,
    defaultFieldValues: z.record(z.string(), z.string()),
    /** neoSyncId__c the new record carries, so it can be linked back to the call (C4). */
    syncId: z.string(),
  }),
  z.object({ type: z.literal('search'), searchString: z.string() }),
  z.object({ type: z.literal('none') }),
]);
export type PopDecision = z.infer<typeof PopDecisionSchema>;

/** The record shown in the panel's caller card before answering (C10, C14). */
export const CallerCardSchema = z.object({
  recordId: z.string(),
  objectType: CrmObjectSchema,
  name: z.string(),
  /** The fields chosen for display, in order, already formatted. */
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
});
export type CallerCard = z.infer<typeof CallerCardSchema>;

/** How many of several matches the pop lists for the agent to pick from (issue 16 §2.3). */
export const PICK_LIST_MAX = 20;

export const CrmViewSchema = z.object({
  callId: z.string(),
  /** Which key found the record(s) and with what value (C1 SearchBy/SearchData). */
  searchBy: z.string().nullable(),
  searchData: z.string().nullable(),
  decision: PopDecisionSchema,
  matches: z.number().int().nonnegative(),
  /** Who is calling, in words (C10, C15): the record's name, or the no-match / several-matches / anonymous label. */
  callerName: z.string(),
  caller: CallerCardSchema.nullable(),
  /**
   * Several matches and no winner: each record found (up to PICK_LIST_MAX),
   * with its name, type and display fields, for the agent to pick the
   * call's record (issue 16 §2.3, STARFACE). Absent from older gateways.
   */
  candidates: z.array(CallerCardSchema).max(PICK_LIST_MAX).optional(),
  /** The Salesforce record linked to the call: found, picked among several (issue 16 §2.3), clicked to dial (B6) or created and synced (C4). */
  linked: z.object({ objectType: CrmObjectSchema, recordId: z.string(), name: z.string() }).nullable(),
});
export type CrmView = z.infer<typeof CrmViewSchema>;

/** Per-user panel settings (F1), kept by the gateway across sessions and devices. */
export const PanelSettingsSchema = z
  .object({
    width: z.number().int().min(200).max(1920),
    height: z.number().int().min(240).max(2560),
    autoMinimize: z.boolean(),
    locale: z.enum(['en', 'es']).nullable(),
    /** The supervisor folded the board's figures away (issue 16 §1); absent: shown. */
    boardFiguresFolded: z.boolean().optional(),
  })
  .strict();
export type PanelSettings = z.infer<typeof PanelSettingsSchema>;

/** The Call Center options the panel follows (C6), as the gateway resolved them. */
export const PanelConfigSchema = z.object({
  allowCategorization: z.boolean(),
  allowContactRelease: z.boolean(),
  /** Seconds after hang-up before the contact is released automatically; -1 off. */
  automaticContactRelease: z.number().int(),
  allowClickToDialSearch: z.boolean(),
  useTaskDescriptionField: z.boolean(),
  allowTextMessage: z.boolean(),
  /** Default softphone size of the Call Center definition. */
  softphoneWidth: z.number().int(),
  softphoneHeight: z.number().int(),
  /** Where these options and the pop rules come from for this session (issue 17 §2). */
  source: SettingsSourceSchema,
  /** What the panel shows for a caller who withheld the number (pop-up settings, BIZTEL); absent from older gateways. */
  anonymousLabel: z.string().optional(),
});
export type PanelConfig = z.infer<typeof PanelConfigSchema>;
