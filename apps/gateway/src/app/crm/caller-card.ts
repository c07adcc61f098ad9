import type { CallerCard } from '@puente/contracts';
import type { CrmRecord } from './crm.port';

/** "Owner.Name" → "Owner", "AnnualRevenue" → "Annual revenue", "neoBaseId__c" → "Neo base id". */
export function fieldLabel(path: string): string {
  const base = path.includes('.') ? path.split('.')[0] : path;
  const words = base
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function format(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return null;
  return String(value);
}

/** The record's chosen fields (C14), labelled and formatted, empty ones left out. */
export function callerCard(record: CrmRecord, fields: readonly string[]): CallerCard {
  return {
    recordId: record.id,
    objectType: record.objectType,
    name: record.name,
    fields: fields
      .filter((f) => f !== 'Name' && f !== 'Id')
      .map((f) => ({ label: fieldLabel(f), value: format(record.fields[f]) }))
      .filter((f): f is { label: string; value: string } => f.value !== null),
  };
}
