import { z } from 'zod';

/**
 * What the panel read from Salesforce through Open CTI at start, sent to the
 * gateway with its session (issue 17 §2), in the shapes Lightning returns:
 * `getCallCenterSettings` (a flat map of "/section/item" keys) and
 * `getSoftphoneLayout` (Inbound / Outbound / Internal). Bounded, so a
 * hostile panel cannot make the gateway hold much.
 */
export const CallCenterFlatSchema = z
  .record(z.string().regex(/^\/[A-Za-z0-9/]{0,200}$/, 'keys are "/section/item" paths'), z.string().max(4000))
  .refine((flat) => Object.keys(flat).length <= 600, 'at most 600 keys');
export type CallCenterFlat = z.infer<typeof CallCenterFlatSchema>;

const ScreenPopSettingSchema = z.object({
  screenPopType: z.enum(['PopToEntity', 'PopToVisualforce', 'PopToSearch', 'PopToFlow']),
  screenPopData: z.string().max(255).optional(),
});

const SoftphoneCallTypeSchema = z.object({
  callRelatedFields: z.array(z.string().max(40)).max(10).default([]),
  objects: z
    .record(
      z.string().max(80),
      z.array(z.object({ displayName: z.string().max(255), apiName: z.string().max(255) })).max(50),
    )
    .refine((o) => Object.keys(o).length <= 50, 'at most 50 objects')
    .default({}),
  screenPopSettings: z
    .object({
      screenPopsOpenWithin: z.enum(['ExistingWindow', 'NewWindow']).optional(),
      NoMatch: ScreenPopSettingSchema.optional(),
      SingleMatch: ScreenPopSettingSchema.optional(),
      MultipleMatches: ScreenPopSettingSchema.optional(),
    })
    .default({}),
});

export const SoftphoneLayoutSchema = z.object({
  Inbound: SoftphoneCallTypeSchema,
  Outbound: SoftphoneCallTypeSchema,
  Internal: SoftphoneCallTypeSchema,
});
export type SoftphoneLayoutDto = z.infer<typeof SoftphoneLayoutSchema>;

/** Either may be null: that Open CTI call failed, and the gateway's file applies for it. */
export const SalesforceSettingsSchema = z
  .object({
    callCenter: CallCenterFlatSchema.nullable(),
    softphoneLayout: SoftphoneLayoutSchema.nullable(),
  })
  .strict();
export type SalesforceSettings = z.infer<typeof SalesforceSettingsSchema>;

/** Where the settings in force for a session come from, for the panel to say (Info tab). */
export const SettingsSourceSchema = z.object({
  /** The Call Center options (C6, searchTypePriority …): the org's Call Center, or the gateway's file. */
  callCenter: z.enum(['salesforce', 'gateway']),
  /** The pop rules (C2): the org's Softphone Layout, or the gateway's file (puenteOptions layout*). */
  softphoneLayout: z.enum(['salesforce', 'gateway']),
  /** The org's Call Center display name, when it is in force. */
  callCenterName: z.string().nullable(),
  /** Values Salesforce gave that Puente could not follow; each keeps the file's value. */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type SettingsSource = z.infer<typeof SettingsSourceSchema>;
