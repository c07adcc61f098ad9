import { dmlError, SfApiError } from '../errors/sf-error';
import { mintId } from '../ids/sf-id';
import type { Catalogue } from '../metadata/catalogue';
import type { FieldDef, FieldValue } from '../metadata/field';
import type { SObjectRecord, SObjectType } from '../metadata/object';
import type { RecordStore } from '../store/record-store';
import { formatDateTime } from '../values/dates';
import { checkReferences, checkRequired, checkUnique, liveRecord } from './checks';
import { coerceValue } from './coerce';
import { compact, readRecordInput } from './record-input';
import type { DmlContext } from './dml-context';
import type { RecordTrigger } from './trigger';

export type { DmlContext } from './dml-context';

export interface UpsertOutcome {
  record: SObjectRecord;
  created: boolean;
}

/** Several records share the external id: the REST API answers 300 with their URLs. */
export class MultipleMatchesError extends SfApiError {
  constructor(
    readonly typeName: string,
    readonly ids: readonly string[],
  ) {
    super(300, 'MULTIPLE_CHOICES', 'Multiple records found');
  }
}

/** Deleting a parent deletes these children, as on a real org (accounts take their contacts along). */
const CASCADES: Record<string, readonly (readonly [string, string])[]> = {
  Account: [
    ['Contact', 'AccountId'],
    ['Opportunity', 'AccountId'],
    ['Task', 'WhatId'],
  ],
  Contact: [['Task', 'WhoId']],
  Lead: [['Task', 'WhoId']],
  Opportunity: [['Task', 'WhatId']],
};

/**
 * Create, update, delete and upsert, with Salesforce's validation order and
 * errors, derived fields, audit fields and after-triggers, each in a
 * transaction of its own (or a savepoint of the caller's).
 */
export class DmlService {
  constructor(
    private readonly catalogue: Catalogue,
    private readonly store: RecordStore,
    private readonly triggers: readonly RecordTrigger[] = [],
  ) {}

  /** An object of the catalogue by name (for triggers and seeding). */
  typeOf(name: string): SObjectType {
    const type = this.catalogue.find(name);
    if (!type) throw new Error(`Unknown object ${name}`);
    return type;
  }

  create(type: SObjectType, input: unknown, ctx: DmlContext): SObjectRecord {
    const values = readRecordInput(type, input, 'create');
    return this.insertValues(type, values, ctx);
  }

  update(type: SObjectType, id: string, input: unknown, ctx: DmlContext): SObjectRecord {
    const values = readRecordInput(type, input, 'update');
    return this.updateValues(type, id, values, ctx);
  }

  delete(type: SObjectType, id: string, ctx: DmlContext): void {
    if (type.def.deletable === false) {
      throw dmlError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', [], 400);
    }
    const before = liveRecord(this.store, type, id);
    this.store.transaction(() => {
      const stamp = formatDateTime(ctx.now);
      this.store.put(type.name, {
        ...before,
        IsDeleted: true,
        LastModifiedDate: stamp,
        LastModifiedById: ctx.userId,
        SystemModstamp: stamp,
      });
      this.fire({ objectName: type.name, before, after: null }, ctx);
      for (const [childName, fieldName] of CASCADES[type.name] ?? [])
        this.cascade(childName, fieldName, id, ctx);
    });
  }

  /** Live records whose external-id field (or Id) equals the value, as the upsert and by-external-id URLs see them. */
  matchExternalId(
    type: SObjectType,
    fieldName: string,
    rawValue: string,
  ): { field: FieldDef; value: FieldValue; ids: string[] } {
    const f = type.field(fieldName);
    if (!f || !(f.externalId || f.type === 'id')) {
      throw new SfApiError(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${fieldName}`,
      );
    }
    const value = coerceValue(f, rawValue);
    const ids =
      f.type === 'id'
        ? [value as string].filter((id) => this.store.get(type.name, id)?.['IsDeleted'] === false)
        : this.store.lookup(type.name, f, value);
    return { field: f, value, ids };
  }

  /** Upsert by an external-id field (or Id): updates the one match, creates when there is none. */
  upsert(
    type: SObjectType,
    fieldName: string,
    rawValue: string,
    input: unknown,
    ctx: DmlContext,
  ): UpsertOutcome {
    const { field: f, value, ids } = this.matchExternalId(type, fieldName, rawValue);
    const values = readRecordInput(type, input, 'upsert');
    const bodyValue = values[f.name];
    if (bodyValue !== undefined && bodyValue !== null && String(bodyValue) !== String(value)) {
      throw new SfApiError(
        400,
        'INVALID_FIELD',
        `The value of ${f.name} in the request body (${String(bodyValue)}) does not match the URL (${rawValue})`,
      );
    }
    delete values[f.name];
    if (ids.length > 1) throw new MultipleMatchesError(type.name, ids);
    if (ids.length === 1) {
      return {
        record: this.updateValues(type, ids[0], this.writable(type, values, 'update'), ctx),
        created: false,
      };
    }
    if (f.type === 'id') throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const created = this.insertValues(
      type,
      { ...this.writable(type, values, 'create'), [f.name]: value },
      ctx,
    );
    return { record: created, created: true };
  }

  private insertValues(type: SObjectType, values: SObjectRecord, ctx: DmlContext): SObjectRecord {
    const stamp = formatDateTime(ctx.now);
    const defaults: SObjectRecord = {};
    for (const f of type.fields)
      if (f.defaultValue !== null && f.createable) defaults[f.name] = f.defaultValue;
    const counter = this.store.nextCounter(type.keyPrefix);
    const record: SObjectRecord = {
      ...defaults,
      ...values,
      Id: mintId(type.keyPrefix, counter),
      IsDeleted: false,
      CreatedDate: stamp,
      CreatedById: ctx.userId,
      LastModifiedDate: stamp,
      LastModifiedById: ctx.userId,
      SystemModstamp: stamp,
    };
    if (type.hasOwner()) record['OwnerId'] = values['OwnerId'] ?? ctx.userId;
    for (const f of type.fields) if (f.autoNumber) record[f.name] = this.autoNumber(type, counter);
    const derived = compact({ ...record, ...type.def.derive?.(record) });
    checkRequired(type, derived);
    checkReferences(this.catalogue, this.store, type, values);
    return this.store.transaction(() => {
      checkUnique(this.store, type, derived);
      this.store.put(type.name, derived);
      this.fire({ objectName: type.name, before: null, after: derived }, ctx);
      return derived;
    });
  }

  private updateValues(type: SObjectType, id: string, values: SObjectRecord, ctx: DmlContext): SObjectRecord {
    const before = liveRecord(this.store, type, id);
    const stamp = formatDateTime(ctx.now);
    const merged: SObjectRecord = {
      ...before,
      ...values,
      LastModifiedDate: stamp,
      LastModifiedById: ctx.userId,
      SystemModstamp: stamp,
    };
    const after = compact({ ...merged, ...type.def.derive?.(merged) });
    checkRequired(type, after, new Set(Object.keys(values)));
    checkReferences(this.catalogue, this.store, type, values);
    return this.store.transaction(() => {
      checkUnique(this.store, type, after);
      this.store.put(type.name, after);
      this.fire({ objectName: type.name, before, after }, ctx);
      return after;
    });
  }

  /** Upsert bodies are read once for both outcomes; keep only what the chosen operation may write. */
  private writable(type: SObjectType, values: SObjectRecord, mode: 'create' | 'update'): SObjectRecord {
    const out: SObjectRecord = {};
    const refused: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      const f = type.field(name);
      if (f && (mode === 'create' ? f.createable : f.updateable)) out[name] = value as FieldValue;
      else refused.push(name);
    }
    if (refused.length > 0) {
      throw dmlError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${refused.join(', ')}. Please check the security settings of this field ` +
          'and verify that it is read/write for your profile or permission set.',
        refused,
      );
    }
    return out;
  }

  private cascade(childName: string, fieldName: string, parentId: string, ctx: DmlContext): void {
    const child = this.catalogue.find(childName);
    if (!child) return;
    const ids = [...this.store.all(childName)]
      .filter((r) => r[fieldName] === parentId && r['IsDeleted'] !== true)
      .map((r) => r['Id'] as string);
    for (const id of ids) if (this.store.findLive(id)) this.delete(child, id, ctx);
  }

  private fire(
    event: { objectName: string; before: SObjectRecord | null; after: SObjectRecord | null },
    ctx: DmlContext,
  ): void {
    for (const trigger of this.triggers) {
      if (trigger.objects.includes(event.objectName)) trigger.after(event, this, ctx);
    }
  }

  private autoNumber(type: SObjectType, counter: number): string {
    const format = type.def.autoNumberFormat ?? '{0000000}';
    return format.replace(/\{(0+)\}/, (_, zeros: string) => String(counter).padStart(zeros.length, '0'));
  }
}
