import { type CallCenterSettings, CRM_OBJECTS, pickByPriority, type Pick } from '@puente/crm';
import { isAnonymousNumber, toE164 } from '@puente/phone';
import type { CountryCode } from 'libphonenumber-js';
import type { Crm, FoundRecord } from './crm.port';
import { objectOfId } from './soql';

export interface CallerQuery {
  direction: 'inbound' | 'outbound' | 'internal';
  /** The dialer's key (Clave_1 / the data part of CLAVESF). */
  crmKey: string;
  contactId: string | null;
  phone: string;
}

export interface CallerSearch {
  /** False for an inbound "idContacto-" key: no search at all, the no-match rule applies (D1). */
  searchable: boolean;
  searchBy: string | null;
  searchData: string | null;
  /** Records read with the caller card's display fields (C14). */
  pick: Pick<FoundRecord>;
  /**
   * What the search page looks for: the very value that matched (the key, the
   * dialer contact id or the phone), so it lists what the gateway found and
   * not what another key finds (issue 16 §2.3).
   */
  searchString: string;
  phoneE164: string | null;
}

const EMPTY: Pick<FoundRecord> = { winner: null, matches: [] };

/**
 * C1: search by the key first (each configured key field, then the dialer
 * contact id written back by a previous pop, C3), then by phone with the
 * phone rule (C12), all at once so the slowest query sets the pace; the
 * first step that found something wins and is reported as SearchBy/SearchData.
 */
export async function searchCaller(
  crm: Crm,
  settings: CallCenterSettings,
  q: CallerQuery,
): Promise<CallerSearch> {
  const country = settings.puente.defaultCountry as CountryCode;
  const phoneE164 = isAnonymousNumber(q.phone) ? null : toE164(q.phone, country);
  const searchString = q.crmKey || phoneE164 || q.phone;
  if (q.direction === 'inbound' && q.crmKey.trim() === '') {
    return { searchable: false, searchBy: null, searchData: null, pick: EMPTY, searchString, phoneE164 };
  }
  // searchTypePriority orders the results; it never narrows the search (seed 004).
  const objects = CRM_OBJECTS;
  // Every step reads the caller card's fields along, so a single match needs no further look-up.
  const fields = settings.puente.displayFields;
  const steps: { by: string; data: string; run: () => Promise<FoundRecord[]> }[] = [];
  const key = q.crmKey.trim();
  if (key) {
    for (const field of settings.puente.keyFields) {
      if (field === 'Id') {
        if (objectOfId(key)) steps.push({ by: 'Id', data: key, run: () => crm.findByIds([key], fields) });
      } else steps.push({ by: field, data: key, run: () => crm.findByField(field, key, objects, fields) });
    }
  }
  if (q.contactId)
    steps.push({
      by: 'neoContactId__c',
      data: q.contactId,
      run: () => crm.findByField('neoContactId__c', q.contactId ?? '', objects, fields),
    });
  if (phoneE164)
    steps.push({
      by: 'Phone',
      data: phoneE164,
      run: () => crm.findByPhone(phoneE164, settings.puente.phoneMatch, fields, country),
    });

  const results = await Promise.all(steps.map((s) => s.run()));
  for (let i = 0; i < steps.length; i++) {
    const found = results[i];
    if (found.length > 0) {
      return {
        searchable: true,
        searchBy: steps[i].by,
        searchData: steps[i].data,
        pick: pickByPriority(found, settings.searchTypePriority),
        searchString: steps[i].data,
        phoneE164,
      };
    }
  }
  return { searchable: true, searchBy: null, searchData: null, pick: EMPTY, searchString, phoneE164 };
}
