import type { NeoContact } from '@puente/neoapi';

/**
 * A dialer contact as the fake dialer hands it over with a predictive call:
 * the shape the gateway's unit and integration specs start from. Spread it
 * and override what a test is about.
 */
export const NEO_CONTACT: NeoContact = {
  contactId: '501',
  contactBaseId: '12',
  crmId: '3',
  crmKey: '0033000000abcDEF',
  phoneNumber: '+541155551234',
  callCampaing: '97',
  callDialer: 'predictive',
  callId: 'c1',
  callQueue: '',
  callReason: 'No procesado',
  campaignCrmId: '3',
  campaignBaseId: '12',
  userOutCampaign: '97',
  fields: {},
};
