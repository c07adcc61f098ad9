import type { CrmMatch, CrmObjectType } from '@puente/crm';
import type { PhoneMatchRule } from '@puente/phone';
import type { CountryCode } from 'libphonenumber-js';

/** A Salesforce record as far as the panel cares: its type, id, name and the fields asked for. */
export interface CrmRecord extends CrmMatch {
  fields: Record<string, unknown>;
}

/** Fields to read along with each record a search finds, per object (the caller card's, C14). */
export type FieldsByObject = Partial<Record<CrmObjectType, readonly string[]>>;

/** A record a search found: with the fields asked for, when it was asked for any. */
export interface FoundRecord extends CrmMatch {
  fields?: Record<string, unknown>;
}

/**
 * The gateway's view of Salesforce (DESIGN principle 1). The jsforce adapter
 * implements it against a real org or the local emulator alike. The finders
 * read the `fields` asked for in the same query as the match, so a single
 * match pops with its caller card without one more round trip.
 */
export interface Crm {
  /** Records by Salesforce id (15 or 18 characters), of any supported type. */
  findByIds(ids: readonly string[], fields?: FieldsByObject): Promise<FoundRecord[]>;
  /** Records whose `field` equals `value`, across the searched objects. */
  findByField(
    field: string,
    value: string,
    objects: readonly CrmObjectType[],
    fields?: FieldsByObject,
  ): Promise<FoundRecord[]>;
  /**
   * Records with a phone matching `e164` under the rule: read fresh from the
   * phone index (SOQL on PhoneIndex__c) where the org has it, with SOSL and
   * its lag where it does not (issue 17 §3). `country` reads stored numbers
   * written without an international prefix.
   */
  findByPhone(
    e164: string,
    rule: PhoneMatchRule,
    fields?: FieldsByObject,
    country?: CountryCode,
  ): Promise<FoundRecord[]>;
  /** One record with the given fields (relationship fields such as Owner.Name allowed). */
  retrieve(objectType: CrmObjectType, id: string, fields: readonly string[]): Promise<CrmRecord | null>;
  /** Every field of a record (C8). */
  retrieveAll(objectType: CrmObjectType, id: string): Promise<Record<string, unknown> | null>;
  update(objectType: CrmObjectType, id: string, values: Record<string, unknown>): Promise<void>;
  create(objectType: CrmObjectType, values: Record<string, unknown>): Promise<string>;
  /** Creates the call's Task or updates it: one Task per CallObject, however often this runs. */
  upsertCallTask(task: Record<string, unknown>): Promise<string>;
  userIdByEmail(email: string): Promise<string | null>;
  /** Free-text search for the panel (SOSL: names, numbers, e-mails; C10). */
  search(text: string, limit: number): Promise<CrmMatch[]>;
  ping(): Promise<void>;
}

export const CRM = Symbol('CRM');

/** A failure to reach Salesforce (as opposed to Salesforce refusing): worth retrying later. */
export class CrmUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrmUnavailableError';
  }
}

/**
 * Salesforce refused the gateway's own login (bad consumer key or secret, an
 * unknown or inactive integration user, a JWT it cannot verify): nothing a
 * retry fixes until an administrator does, yet writes keep waiting in the
 * outbox rather than being parked, so that no Task is lost in the meantime.
 */
export class CrmLoginError extends CrmUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'CrmLoginError';
  }
}

/**
 * The adapter refused to send something to Salesforce: an object name outside
 * the allowed set, an id that is not one of the object named, a field name
 * that is not one (issue 14 §1). A caller's mistake, never worth a retry.
 */
export class CrmInputError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'CrmInputError';
  }
}
