import { parseFieldMappings } from './field-mapping';
import { CRM_OBJECTS, type CrmObjectType, type PopLayout, SEARCH_TYPES, type SearchType } from './settings';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string): Parsed<never> => ({ ok: false, error });

export function bool(value: string): Parsed<boolean> {
  const v = value.trim().toLowerCase();
  if (v === 'true') return ok(true);
  if (v === 'false') return ok(false);
  return fail(`must be true or false, got "${value}"`);
}

export function int(min: number, max: number) {
  return (value: string): Parsed<number> => {
    if (!/^-?\d+$/.test(value.trim())) return fail(`must be a whole number, got "${value}"`);
    const n = Number(value.trim());
    return n < min || n > max ? fail(`must be between ${min} and ${max}, got ${n}`) : ok(n);
  };
}

export function text(maxLength: number, pattern?: RegExp, hint?: string) {
  return (value: string): Parsed<string> => {
    const v = value.trim();
    if (v.length > maxLength) return fail(`must be at most ${maxLength} characters`);
    if (pattern && !pattern.test(v)) return fail(hint ?? `has an invalid format: "${value}"`);
    return ok(v);
  };
}

export function oneOf<const T extends string>(values: readonly T[]) {
  return (value: string): Parsed<T> =>
    (values as readonly string[]).includes(value.trim())
      ? ok(value.trim() as T)
      : fail(`must be one of ${values.join(', ')}, got "${value}"`);
}

export function searchPriority(value: string): Parsed<SearchType[]> {
  const parts = value
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = parts.filter((p) => !(SEARCH_TYPES as readonly string[]).includes(p));
  if (bad.length > 0) return fail(`unknown type(s) ${bad.join(', ')}; use ${SEARCH_TYPES.join('|')}`);
  if (new Set(parts).size !== parts.length) return fail('lists a type twice');
  return ok(parts as SearchType[]);
}

export function mappings(value: string): Parsed<ReturnType<typeof parseFieldMappings>['mappings']> {
  const { mappings: m, errors } = parseFieldMappings(value);
  return errors.length > 0 ? fail(errors.join('; ')) : ok(m);
}

export function campaignEntity(value: string): Parsed<string | null> {
  const v = value.trim();
  if (v === '' || v.toLowerCase() === 'false') return ok(null);
  return /^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(v)
    ? ok(v)
    : fail(`must be false or a Salesforce object API name, got "${value}"`);
}

export function phoneMatch(
  value: string,
): Parsed<{ mode: 'exact' } | { mode: 'lastDigits'; digits: number }> {
  const v = value.trim();
  if (v === 'exact') return ok({ mode: 'exact' });
  const m = /^last:(\d{1,2})$/.exec(v);
  if (m && Number(m[1]) >= 4 && Number(m[1]) <= 15) return ok({ mode: 'lastDigits', digits: Number(m[1]) });
  return fail(`must be "exact" or "last:N" with N from 4 to 15, got "${value}"`);
}

export function numberList(value: string): Parsed<string[]> {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = parts.filter((p) => !/^\+?[\d]{2,20}$/.test(p));
  return bad.length > 0 ? fail(`not phone numbers: ${bad.join(', ')}`) : ok(parts);
}

export function unknownCaller(value: string): Parsed<'Lead' | 'Contact' | 'none'> {
  return oneOf(['Lead', 'Contact', 'none'] as const)(value);
}

/** "noMatch=new:Contact;singleMatch=open;multipleMatches=search" */
export function layout(value: string): Parsed<PopLayout> {
  const parts = new Map(
    value
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => p.split('=').map((s) => s.trim()) as [string, string]),
  );
  const noMatch = parts.get('noMatch') ?? 'none';
  const single = parts.get('singleMatch') ?? 'open';
  const multiple = parts.get('multipleMatches') ?? 'search';
  const unknown = [...parts.keys()].filter((k) => !['noMatch', 'singleMatch', 'multipleMatches'].includes(k));
  if (unknown.length > 0) return fail(`unknown rule(s) ${unknown.join(', ')}`);
  let noMatchRule: PopLayout['noMatch'];
  if (noMatch === 'none') noMatchRule = { action: 'none' };
  else if (noMatch.startsWith('new:') && (CRM_OBJECTS as readonly string[]).includes(noMatch.slice(4))) {
    noMatchRule = { action: 'new', objectType: noMatch.slice(4) as CrmObjectType };
  } else return fail(`noMatch must be none or new:<${CRM_OBJECTS.join('|')}>, got "${noMatch}"`);
  if (single !== 'open' && single !== 'none')
    return fail(`singleMatch must be open or none, got "${single}"`);
  if (multiple !== 'search' && multiple !== 'none')
    return fail(`multipleMatches must be search or none, got "${multiple}"`);
  return ok({ noMatch: noMatchRule, singleMatch: single, multipleMatches: multiple });
}

/** "Contact=Name,Phone,Owner.Name;Lead=Name,Company" */
export function displayFields(value: string): Parsed<Record<CrmObjectType, string[]>> {
  const result: Record<CrmObjectType, string[]> = {
    Contact: ['Name'],
    Account: ['Name'],
    Lead: ['Name'],
    Opportunity: ['Name'],
  };
  for (const entry of value
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [object, fields = ''] = entry.split('=').map((s) => s.trim());
    if (!(CRM_OBJECTS as readonly string[]).includes(object)) return fail(`unknown object "${object}"`);
    const list = fields
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const bad = list.filter((f) => !/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/.test(f));
    if (bad.length > 0) return fail(`not field names: ${bad.join(', ')}`);
    result[object as CrmObjectType] = list;
  }
  return ok(result);
}

/** "Id,neoSyncId__c": Salesforce field API names, in order. */
export function fieldList(value: string): Parsed<string[]> {
  const parts = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const bad = parts.filter((f) => !/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(f));
  return bad.length > 0 ? fail(`not field names: ${bad.join(', ')}`) : ok(parts);
}
