import { PHONE_FIELDS } from '@puente/crm';
import { digitsOnly, toE164 } from '@puente/phone';
import type { SObjectRecord } from '../metadata/object';
import type { RecordStore } from '../store/record-store';
import type { DmlContext } from './dml-context';
import type { RecordTrigger, TriggerDml, TriggerEvent } from './trigger';

export type PhoneCountry = NonNullable<Parameters<typeof toE164>[1]>;

/** The objects whose phone fields the index covers, and those fields: the gateway's list, the Apex handler's too. */
export const INDEXED_PHONE_FIELDS: Readonly<Record<string, readonly string[]>> = PHONE_FIELDS;

export interface PhoneIndexEntry {
  field: string;
  e164: string | null;
  reversed: string;
}

/** What the index should hold for a record: one entry per phone field with digits in it. */
export function phoneIndexEntries(
  objectName: string,
  record: SObjectRecord,
  country: PhoneCountry,
): PhoneIndexEntry[] {
  const entries: PhoneIndexEntry[] = [];
  for (const name of INDEXED_PHONE_FIELDS[objectName] ?? []) {
    const raw = record[name];
    if (typeof raw !== 'string') continue;
    const e164 = toE164(raw, country);
    const digits = digitsOnly(e164 ?? raw);
    if (digits.length === 0) continue;
    entries.push({ field: name, e164, reversed: [...digits].reverse().join('').slice(0, 32) });
  }
  return entries;
}

/**
 * The Apex trigger of docs/salesforce-emulator.md, emulated: keeps PhoneIndex__c
 * in step with every Contact, Account and Lead phone field, inside the same
 * transaction, so that a SOQL lookup finds a record the moment it is saved
 * (SOSL only finds it once the search index catches up).
 */
export class PhoneIndexTrigger implements RecordTrigger {
  readonly objects = Object.keys(INDEXED_PHONE_FIELDS);

  constructor(
    private readonly store: RecordStore,
    private readonly country: PhoneCountry,
  ) {}

  after(event: TriggerEvent, dml: TriggerDml, ctx: DmlContext): void {
    const index = dml.typeOf('PhoneIndex__c');
    const id = (event.after ?? event.before)?.['Id'] as string;
    const recordIdField = index.field('RecordId__c');
    const existing = recordIdField ? this.store.lookup(index.name, recordIdField, id) : [];
    const wanted = event.after ? phoneIndexEntries(event.objectName, event.after, this.country) : [];
    const kept = new Set<string>();
    for (const rowId of existing) {
      const row = this.store.get(index.name, rowId) as SObjectRecord;
      const match = wanted.find(
        (w) =>
          w.field === row['FieldName__c'] &&
          (w.e164 ?? null) === (row['E164__c'] ?? null) &&
          w.reversed === row['ReversedDigits__c'],
      );
      if (match && !kept.has(match.field)) kept.add(match.field);
      else dml.delete(index, rowId, ctx);
    }
    for (const entry of wanted) {
      if (kept.has(entry.field)) continue;
      dml.create(
        index,
        {
          E164__c: entry.e164,
          ReversedDigits__c: entry.reversed,
          RecordId__c: id,
          ObjectType__c: event.objectName,
          FieldName__c: entry.field,
        },
        ctx,
      );
    }
  }
}
