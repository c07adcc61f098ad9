import { z } from 'zod';
import { AgentActivitySchema, DialerModeSchema, RoleSchema } from './agent-state';

/** The look-ups the panel shows: campaigns, break states, transfer targets, categories (A2, A3, B4, C5). */

export const CampaignDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  dialerMode: DialerModeSchema,
  crmId: z.string(),
  baseId: z.string(),
});
export type CampaignDto = z.infer<typeof CampaignDtoSchema>;

export const BreakStateDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  system: z.boolean(),
  productive: z.boolean(),
  maxSeconds: z.number().int().nonnegative(),
});
export type BreakStateDto = z.infer<typeof BreakStateDtoSchema>;

export const TransferNumberDtoSchema = z.object({ number: z.string(), label: z.string() });
export type TransferNumberDto = z.infer<typeof TransferNumberDtoSchema>;

export const UserDtoSchema = z.object({
  id: z.string(),
  user: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  activity: AgentActivitySchema,
  /** Logged in but cannot take a transfer or an invitation now (on a call, in wrap-up, on a break…). */
  busy: z.boolean(),
});
export type UserDto = z.infer<typeof UserDtoSchema>;

export const QueueDtoSchema = z.object({ id: z.string(), name: z.string() });
export type QueueDto = z.infer<typeof QueueDtoSchema>;

export const CategoryDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  schedules: z.boolean(),
  subcategories: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type CategoryDto = z.infer<typeof CategoryDtoSchema>;

export const DialerContactDtoSchema = z.object({
  contactId: z.string(),
  databaseId: z.string(),
  crmId: z.string(),
  crmKey: z.string(),
  phoneNumber: z.string(),
  fields: z.record(z.string(), z.string()),
});
export type DialerContactDto = z.infer<typeof DialerContactDtoSchema>;

export const ListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
