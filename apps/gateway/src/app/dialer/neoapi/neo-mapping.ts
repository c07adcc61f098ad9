import type { CallDirection, ContactData, DialerMode, Participant, TransferTarget } from '@puente/contracts';
import type { NeoCall, NeoContact, NeoParticipant, NeoTransferTarget } from '@puente/neoapi';

/** Neotel's contact data → the info panel's (C9). Empty Neotel fields become null where the panel expects "none". */
export function toContactData(contact: NeoContact, callId: string): ContactData {
  return {
    lastCallId: callId,
    contactId: contact.contactId,
    databaseId: contact.contactBaseId,
    crmId: contact.crmId,
    crmKey: contact.crmKey,
    phoneNumber: contact.phoneNumber,
    campaignId: contact.callCampaing || null,
    queueId: contact.callQueue || null,
    callReason: contact.callReason || null,
    externalData: {
      callCampaing: contact.callCampaing,
      callDialer: contact.callDialer,
      callId,
      callQueue: contact.callQueue,
      callReason: contact.callReason,
      phoneNumber: contact.phoneNumber,
      contactBaseId: contact.contactBaseId,
      campaignCrmId: contact.campaignCrmId,
      campaignBaseId: contact.campaignBaseId,
      userOutCampaign: contact.userOutCampaign,
      crmId: contact.crmId,
      contactId: contact.contactId,
      crmKey: contact.crmKey,
    },
  };
}

export function toDialerMode(call: NeoCall): DialerMode | null {
  if (call.dialerMode) return call.dialerMode;
  return call.direction === 'inbound' ? 'inbound' : null;
}

export function toTransferTarget(target: NeoTransferTarget, label: string): TransferTarget {
  return { kind: target.kind, id: target.id, label };
}

export function toParticipant(p: NeoParticipant): Participant {
  return { id: p.id, kind: p.kind, address: p.address, label: p.label };
}

export function direction(call: NeoCall): CallDirection {
  return call.direction;
}
