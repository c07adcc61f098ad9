import { digitsOnly } from '@puente/phone';
import type { FieldDef } from '../metadata/field';
import type { SObjectRecord } from '../metadata/object';
import { fold, type SearchExpr, words } from './search-term';

/** A field's value as the search index holds it: its words, and its digits for phone fields. */
export interface IndexedValue {
  words: string[];
  digits: string | null;
}

const PHONE_TERM = /^[\d\s()+.\-/]+$/;

export function indexValue(f: FieldDef, value: string): IndexedValue {
  return { words: words(value), digits: f.type === 'phone' ? digitsOnly(value) : null };
}

/**
 * Phone numbers match on their trailing digits, as Salesforce's phone-aware
 * index does: "+54 11 4555-1234", "011 4555-1234" and "45551234" are one
 * number. At least 7 digits must agree, and up to the last 10 are compared.
 */
export function phoneMatches(stored: string, term: string): boolean {
  const n = Math.min(stored.length, term.length, 10);
  if (n < 7) return stored === term && n > 0;
  return stored.slice(-n) === term.slice(-n);
}

function wordRegExp(term: string): RegExp | null {
  if (!/[*?]/.test(term)) return null;
  const source = term
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((w, j) => haystack[i + j] === w)) return true;
  }
  return false;
}

function leafMatches(
  values: readonly IndexedValue[],
  expr: Extract<SearchExpr, { kind: 'word' | 'phrase' }>,
  raw: string,
): boolean {
  if (PHONE_TERM.test(raw) && digitsOnly(raw).length >= 7) {
    const digits = digitsOnly(raw);
    if (values.some((v) => v.digits !== null && phoneMatches(v.digits, digits))) return true;
  }
  if (expr.kind === 'phrase') return values.some((v) => containsSequence(v.words, expr.words));
  const folded = fold(expr.text);
  const termWords = words(folded);
  if (termWords.length > 1) return values.some((v) => containsSequence(v.words, termWords));
  const re = wordRegExp(folded);
  return values.some((v) => v.words.some((w) => (re ? re.test(w) : w === termWords[0])));
}

function rawText(expr: Extract<SearchExpr, { kind: 'word' | 'phrase' }>): string {
  return expr.kind === 'word' ? expr.text : expr.words.join(' ');
}

/** Whether a record's searched fields satisfy the expression (terms may match in different fields). */
export function matchesExpr(values: readonly IndexedValue[], expr: SearchExpr): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.items.every((e) => matchesExpr(values, e));
    case 'or':
      return expr.items.some((e) => matchesExpr(values, e));
    case 'andNot':
      return matchesExpr(values, expr.left) && !matchesExpr(values, expr.right);
    default:
      return leafMatches(values, expr, rawText(expr));
  }
}

/** The values of a record the search group covers. */
export function searchedValues(record: SObjectRecord, fields: readonly FieldDef[]): IndexedValue[] {
  const out: IndexedValue[] = [];
  for (const f of fields) {
    const v = record[f.name];
    if (typeof v === 'string' && v !== '') out.push(indexValue(f, v));
  }
  return out;
}
