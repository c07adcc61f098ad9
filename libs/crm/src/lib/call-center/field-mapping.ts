import { isNeotelDataName, type NeotelData, type NeotelDataName } from '../neotel-data';

/** One "SalesforceField-neotelData" pair of externalData / defaultNewRowData. */
export interface FieldMapping {
  field: string;
  source: NeotelDataName;
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/**
 * Parses "neoContactId__c-contactId|neoBaseId__c-contactBaseId|Phone-phoneNumber|"
 * (seed 004). Empty entries (a trailing "|") are ignored; each entry splits at
 * its last "-", because Neotel names never contain one.
 */
export function parseFieldMappings(value: string): { mappings: FieldMapping[]; errors: string[] } {
  const mappings: FieldMapping[] = [];
  const errors: string[] = [];
  for (const raw of value.split('|')) {
    const entry = raw.trim();
    if (!entry) continue;
    const dash = entry.lastIndexOf('-');
    const field = dash > 0 ? entry.slice(0, dash).trim() : '';
    const source = dash > 0 ? entry.slice(dash + 1).trim() : '';
    if (!FIELD_NAME.test(field)) errors.push(`"${entry}": "${field}" is not a Salesforce field API name`);
    else if (!isNeotelDataName(source)) errors.push(`"${entry}": "${source}" is not a Neotel data name`);
    else mappings.push({ field, source });
  }
  return { mappings, errors };
}

export function formatFieldMappings(mappings: readonly FieldMapping[]): string {
  return mappings.map((m) => `${m.field}-${m.source}`).join('|');
}

/** The Salesforce field values a mapping gives for the call's data; unknown data are left out. */
export function applyFieldMappings(
  mappings: readonly FieldMapping[],
  data: NeotelData,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of mappings) {
    const value = data[m.source];
    if (value !== undefined && value !== '') values[m.field] = value;
  }
  return values;
}
