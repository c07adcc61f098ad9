import { field, type FieldDef, type FieldValue } from '../metadata/field';
import type { SObjectRecord, SObjectType } from '../metadata/object';
import type { FieldPath } from './ast';
import { queryErrors } from './errors';
import type { QueryEnv } from './query-env';

/**
 * The fields a polymorphic relationship (Task.Who, Task.What) exposes: the
 * "Name" pseudo-object of Salesforce, read from whichever record it points at.
 */
const NAME_OBJECT_FIELDS: readonly FieldDef[] = [
  field('Id', 'id', { createable: false }),
  field('Name', 'string'),
  field('Type', 'string'),
  field('FirstName', 'string'),
  field('LastName', 'string'),
  field('Email', 'email'),
  field('Phone', 'phone'),
  field('Title', 'string'),
  field('Alias', 'string'),
  field('Username', 'string'),
  field('IsActive', 'boolean'),
];

export interface RelationshipStep {
  /** The reference field followed (AccountId). */
  via: FieldDef;
  /** Key in the output record (Account). */
  name: string;
  /** Target object, or null for a polymorphic relationship. */
  target: SObjectType | null;
}

/** A field path checked against the schema, with a getter for any record of the base object. */
export interface ResolvedPath {
  steps: RelationshipStep[];
  field: FieldDef;
  /** Canonical output keys: relationship names, then the field name. */
  keys: string[];
  pos: number;
  get(record: SObjectRecord): FieldValue;
  /** The record the final field is read from (the base or a parent), or null when a link is empty. */
  owner(record: SObjectRecord): SObjectRecord | null;
}

function stripPrefix(parts: string[], type: SObjectType, alias: string | null): string[] {
  if (parts.length < 2) return parts;
  const first = parts[0].toLowerCase();
  if (alias && first === alias.toLowerCase()) return parts.slice(1);
  if (first === type.name.toLowerCase() && !type.relationship(parts[0])) return parts.slice(1);
  return parts;
}

export function resolvePath(
  env: QueryEnv,
  text: string,
  base: SObjectType,
  path: FieldPath,
  alias: string | null = null,
): ResolvedPath {
  const parts = stripPrefix(path.parts, base, alias);
  const steps: RelationshipStep[] = [];
  let current: SObjectType | null = base;
  const relationships = parts.slice(0, -1);
  for (const [i, part] of relationships.entries()) {
    const via: FieldDef | undefined = current?.relationship(part);
    // A polymorphic relationship (Who, What) can only be the last hop; five hops at most.
    if (!current || !via?.relationshipName || i >= 5) throw queryErrors.badRelationship(text, path.pos, part);
    const target: SObjectType | null =
      via.referenceTo.length === 1 ? (env.catalogue.find(via.referenceTo[0]) ?? null) : null;
    steps.push({ via, name: via.relationshipName, target });
    current = target;
  }
  const last = parts[parts.length - 1];
  const f = current
    ? current.field(last)
    : NAME_OBJECT_FIELDS.find((n) => n.name.toLowerCase() === last.toLowerCase());
  if (!f) {
    if (parts.length === 1) throw queryErrors.noSuchColumn(text, path.pos, last, base.name);
    throw queryErrors.noSuchColumn(text, path.pos, last, current ? current.name : 'Name');
  }
  const polymorphic = current === null;
  const owner = (record: SObjectRecord): SObjectRecord | null => {
    let r: SObjectRecord | null = record;
    for (const step of steps) {
      const id: FieldValue | undefined = r?.[step.via.name];
      r = typeof id === 'string' ? (env.store.findLive(id) ?? null) : null;
      if (!r) return null;
    }
    return r;
  };
  return {
    steps,
    field: f,
    keys: [...steps.map((s) => s.name), f.name],
    pos: path.pos,
    owner,
    get(record) {
      const r = owner(record);
      if (!r) return null;
      if (polymorphic && f.name === 'Type') return env.catalogue.typeOfId(r['Id'] as string)?.name ?? null;
      return r[f.name] ?? null;
    },
  };
}
