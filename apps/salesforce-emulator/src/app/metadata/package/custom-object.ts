import { field, type FieldDef } from '../field';
import type { ObjectDef } from '../object';
import { systemFields } from '../objects/common';
import type { CustomObjectMeta } from './package-schema';

/**
 * Key prefixes of the package's custom objects. A real org picks one per
 * object at deploy time; the local org fixes them so that ids stay stable
 * across runs and saved orgs.
 */
const KEY_PREFIXES: Readonly<Record<string, string>> = { PhoneIndex__c: 'a0P' };

/** A custom object of the package as the org defines it: audit fields, owner, record name, the package's fields. */
export function customObject(meta: CustomObjectMeta, fields: readonly FieldDef[], index: number): ObjectDef {
  const autoNumber = meta.nameField.autoNumberFormat;
  return {
    name: meta.name,
    label: meta.label,
    labelPlural: meta.pluralLabel,
    keyPrefix: KEY_PREFIXES[meta.name] ?? `a1${String.fromCharCode(65 + index)}`,
    custom: true,
    searchable: meta.searchable,
    ...(autoNumber ? { autoNumberFormat: autoNumber } : {}),
    fields: [
      ...systemFields(meta.label, { owner: true }),
      field('Name', 'string', {
        length: 80,
        label: meta.nameField.label,
        nillable: false,
        nameField: true,
        ...(autoNumber ? { createable: false, updateable: false, autoNumber: true } : { searchName: true }),
      }),
      ...fields,
    ],
  };
}
