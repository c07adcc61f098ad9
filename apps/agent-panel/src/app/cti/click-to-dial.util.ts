import { type DialRequest, isSalesforceId } from '@puente/contracts';
import type { ClickToDialPayload } from './open-cti.types';

/**
 * The dial a click on a Salesforce phone field asks for (B6), or null when
 * there is no number. The record id goes along only when the call center
 * allows click-to-dial search and the id is a Salesforce id by the shared
 * rule: the gateway refuses any other, and a stray one must not cost the
 * agent the call.
 */
export function clickToDialRequest(payload: ClickToDialPayload, allowSearch: boolean): DialRequest | null {
  const number = (payload.number ?? '').trim();
  if (!number) return null;
  const recordId = allowSearch && isSalesforceId(payload.recordId) ? payload.recordId : undefined;
  return { number, ...(recordId ? { crmRecordId: recordId } : {}) };
}
