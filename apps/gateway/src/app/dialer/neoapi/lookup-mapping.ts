import type { BreakStateDto, CampaignDto, CategoryDto, DialerContactDto, UserDto } from '@puente/contracts';
import type { NeoBreakState, NeoCampaign, NeoCategory, NeoContact, NeoUser } from '@puente/neoapi';
import type { DialerCampaign } from '../dialer.types';

/** The dialer's records → the panel's DTOs (what the panel may see, in its own shapes). */
export const toCampaignDto = (c: NeoCampaign): CampaignDto => ({
  id: c.id,
  name: c.name,
  dialerMode: c.dialerMode,
  crmId: c.crmId,
  baseId: c.baseId,
});

export const toDialerCampaign = (c: NeoCampaign): DialerCampaign => ({
  ...toCampaignDto(c),
  active: c.active,
});

export const toBreakStateDto = (b: NeoBreakState): BreakStateDto => ({ ...b });

export const toUserDto = (u: NeoUser): UserDto => ({
  id: u.id,
  user: u.user,
  displayName: u.displayName,
  roles: u.roles,
  activity: u.state,
  busy: u.state !== 'available',
});

export const toCategoryDto = (c: NeoCategory): CategoryDto => ({
  id: c.id,
  name: c.name,
  schedules: c.schedules,
  subcategories: c.subcategories.map((s) => ({ id: s.id, name: s.name })),
});

export const toDialerContactDto = (c: NeoContact): DialerContactDto => ({
  contactId: c.contactId,
  databaseId: c.contactBaseId,
  crmId: c.crmId,
  crmKey: c.crmKey,
  phoneNumber: c.phoneNumber,
  fields: c.fields,
});
