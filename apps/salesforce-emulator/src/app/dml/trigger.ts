import type { SObjectRecord } from '../metadata/object';
import type { DmlContext, DmlService } from './dml.service';

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
  after(event: TriggerEvent, dml: DmlService, ctx: DmlContext): void;
}
