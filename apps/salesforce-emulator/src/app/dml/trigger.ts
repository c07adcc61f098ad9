import type { SObjectRecord, SObjectType } from '../metadata/object';
import type { DmlContext } from './dml-context';

/**
 * The DML a trigger may do inside the change's transaction: the part of
 * DmlService it needs, so the service and its triggers do not import each
 * other (issue 18 §1).
 */
export interface TriggerDml {
  typeOf(name: string): SObjectType;
  create(type: SObjectType, input: unknown, ctx: DmlContext): SObjectRecord;
  delete(type: SObjectType, id: string, ctx: DmlContext): void;
}

/** What an after-trigger sees: `before` null on insert, `after` null on delete. */
export interface TriggerEvent {
  objectName: string;
  before: SObjectRecord | null;
  after: SObjectRecord | null;
}

/**
 * Org automation, the way an Apex after-insert/update/delete trigger works:
 * it runs inside the transaction of the change, may do DML of its own, and
 * an error it throws rolls the whole change back.
 */
export interface RecordTrigger {
  readonly objects: readonly string[];
  after(event: TriggerEvent, dml: TriggerDml, ctx: DmlContext): void;
}
