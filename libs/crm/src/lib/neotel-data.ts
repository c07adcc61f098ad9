/**
 * The Neotel data names a Call Center definition may map onto Salesforce
 * fields (externalData, defaultNewRowData; seed 004), verbatim — including
 * Neotel's own spelling "callCampaing".
 */
export const NEOTEL_DATA_NAMES = [
  'callCampaing',
  'callDialer',
  'callId',
  'callQueue',
  'callReason',
  'phoneNumber',
  'contactBaseId',
  'campaignCrmId',
  'campaignBaseId',
  'userOutCampaign',
  'crmId',
  'contactId',
  'crmKey',
  'SearchBy',
  'SearchData',
] as const;

export type NeotelDataName = (typeof NEOTEL_DATA_NAMES)[number];
export type NeotelData = Partial<Record<NeotelDataName, string>>;

export function isNeotelDataName(name: string): name is NeotelDataName {
  return (NEOTEL_DATA_NAMES as readonly string[]).includes(name);
}
