import { Logger } from '@nestjs/common';
import {
  CRM_OBJECTS,
  type CrmMatch,
  type CrmObjectType,
  PHONE_FIELDS,
  type PhoneSearchObject,
} from '@puente/crm';
import { type PhoneMatchRule, phonesMatch } from '@puente/phone';
import type { CountryCode } from 'libphonenumber-js';
import type { Connection } from 'jsforce';
import { callTask, crmObject, fieldPath, fieldValues, recordId } from './crm-input';
import { type Crm, CrmInputError, type CrmRecord, type FieldsByObject, type FoundRecord } from './crm.port';
import { OrgPhoneSearch, type PhoneSearchMode } from './salesforce/org-phone-search';
import { SalesforceConnection, type SalesforceConnectionOptions } from './salesforce/salesforce-connection';
import { objectOfId, reversedDigits, soqlString, soslFindTerm } from './soql';

export { classify } from './salesforce/salesforce-errors';

/** The gateway's shared connection (its circuit and session), or the settings of one of its own. */
export type JsforceCrmOptions = (SalesforceConnectionOptions | { connection: SalesforceConnection }) & {
  /** Shared with the health probe; one of its own when not given. */
  phoneSearch?: OrgPhoneSearch;
};

type Row = Record<string, unknown> & { Id: string };

/**
 * The Crm port over jsforce (DESIGN principle 1). Every request goes through
 * the gateway's SalesforceConnection: its circuit, its time-out (which aborts
 * the request), its one session (a new token only after INVALID_SESSION_ID,
 * the request replayed once) and its one retry of a failed read; network
 * failures become CrmUnavailableError so that callers can tell "try later"
 * from "Salesforce said no". Object names,
 * ids and field names are checked (crm-input.ts) before any of them reaches
 * jsforce, whoever the caller: a bad one is a CrmInputError and no request.
 */
export class JsforceCrmAdapter implements Crm {
  private readonly logger = new Logger('Salesforce');
  private readonly salesforce: SalesforceConnection;
  private readonly conn: Connection;
  private readonly phoneSearch: OrgPhoneSearch;
  private asking: Promise<PhoneSearchMode> | undefined;

  constructor(options: JsforceCrmOptions) {
    this.salesforce = 'connection' in options ? options.connection : new SalesforceConnection(options);
    this.conn = this.salesforce.conn;
    this.phoneSearch = options.phoneSearch ?? new OrgPhoneSearch();
  }

  /**
   * How this org finds callers by phone: PhoneIndex__c when the package is
   * deployed (describe answers), SOSL otherwise (describe says NOT_FOUND).
   * Asked once and cached (OrgPhoneSearch); concurrent callers share the question.
   */
  async phoneSearchMode(): Promise<PhoneSearchMode> {
    const known = this.phoneSearch.current;
    if (known) return known;
    this.asking ??= this.call(() => this.conn.sobject('PhoneIndex__c').describe())
      .then(
        () => 'phone-index' as const,
        (error: unknown) => {
          const code = (error as { errorCode?: string }).errorCode;
          if (code === 'NOT_FOUND' || code === 'INVALID_TYPE') return 'sosl' as const;
          throw error;
        },
      )
      .then((mode) => {
        if (mode === 'sosl' && this.phoneSearch.current !== 'sosl')
          this.logger.warn({
            msg: 'PhoneIndex__c is not in the org: callers are found with SOSL, which finds new records only minutes after they are saved (deploy salesforce/force-app)',
          });
        this.phoneSearch.record(mode);
        return mode;
      })
      .finally(() => (this.asking = undefined));
    return this.asking;
  }

  async findByIds(ids: readonly string[], fields: FieldsByObject = {}): Promise<FoundRecord[]> {
    const byObject = new Map<CrmObjectType, string[]>();
    for (const id of ids) {
      const object = objectOfId(id);
      if (object) byObject.set(object, [...(byObject.get(object) ?? []), id]);
    }
    const results = await Promise.all(
      [...byObject].map(([object, list]) =>
        this.found(object, fields[object], `WHERE Id IN (${list.map(soqlString).join(', ')})`),
      ),
    );
    return results.flat();
  }

  async findByField(
    field: string,
    value: string,
    objects: readonly CrmObjectType[],
    fields: FieldsByObject = {},
  ): Promise<FoundRecord[]> {
    fieldPath(field);
    const checked = objects.map((o) => crmObject(o, 'objects'));
    const literal = field === 'neoSyncId__c' ? (/^\d{1,18}$/.test(value) ? value : null) : soqlString(value);
    if (literal === null) return [];
    const results = await Promise.all(
      checked.map((object) => this.found(object, fields[object], `WHERE ${field} = ${literal} LIMIT 20`)),
    );
    return results.flat();
  }

  async findByPhone(
    e164: string,
    rule: PhoneMatchRule,
    fields: FieldsByObject = {},
    country: CountryCode = 'AR',
  ): Promise<FoundRecord[]> {
    if ((await this.phoneSearchMode()) === 'sosl')
      return this.findByPhoneWithSosl(e164, rule, fields, country);
    const where =
      rule.mode === 'exact'
        ? `E164__c = ${soqlString(e164)}`
        : `ReversedDigits__c LIKE ${soqlString(`${reversedDigits(e164).slice(0, rule.digits)}%`)}`;
    const rows = await this.rows(
      `SELECT RecordId__c, ObjectType__c FROM PhoneIndex__c WHERE ${where} LIMIT 100`,
    );
    const ids = [
      ...new Set(rows.map((r) => String(r['RecordId__c'])).filter((id) => objectOfId(id) !== null)),
    ];
    return ids.length > 0 ? this.findByIds(ids, fields) : [];
  }

  /**
   * An org without PhoneIndex__c (issue 17 §3): SOSL over the phone fields,
   * then the phone rule on the numbers it returns, since SOSL's own idea of
   * a phone match is looser than "exact" or "last N digits". The term is the
   * whole number for `exact`, its last N digits (at least 7, SOSL's minimum
   * for a phone match) for `last:N`. Lags behind new records, as SOSL does.
   */
  private async findByPhoneWithSosl(
    e164: string,
    rule: PhoneMatchRule,
    fields: FieldsByObject,
    country: CountryCode,
  ): Promise<FoundRecord[]> {
    const digits = e164.replace(/\D/g, '');
    const term = rule.mode === 'exact' ? digits : digits.slice(-Math.max(rule.digits, 7));
    if (term.length < 7) return [];
    const objects = Object.keys(PHONE_FIELDS) as PhoneSearchObject[];
    const returning = objects.map((o) => `${o}(Id, ${PHONE_FIELDS[o].join(', ')})`).join(', ');
    const result = await this.call(() =>
      this.conn.search(`FIND {${term}} IN PHONE FIELDS RETURNING ${returning} LIMIT 200`),
    );
    const ids = result.searchRecords
      .filter((r) => {
        const type = (r.attributes as { type?: string } | undefined)?.type as PhoneSearchObject | undefined;
        const row = r as unknown as Record<string, unknown>;
        return (
          type !== undefined &&
          (PHONE_FIELDS[type] as readonly string[] | undefined)?.some(
            (f) => typeof row[f] === 'string' && phonesMatch(e164, row[f] as string, rule, country),
          ) === true
        );
      })
      .map((r) => String((r as unknown as Row).Id))
      .filter((id) => objectOfId(id) !== null);
    return ids.length > 0 ? this.findByIds([...new Set(ids)], fields) : [];
  }

  async retrieve(
    objectType: CrmObjectType,
    id: string,
    fields: readonly string[],
  ): Promise<CrmRecord | null> {
    const object = crmObject(objectType);
    const where = `WHERE Id = ${soqlString(recordId(id, [object]))} LIMIT 1`;
    const list = selectList(fields);
    const [row] = await this.rows(`SELECT ${list.join(', ')} FROM ${object} ${where}`);
    return row ? record(object, row, list) : null;
  }

  async retrieveAll(objectType: CrmObjectType, id: string): Promise<Record<string, unknown> | null> {
    const object = crmObject(objectType);
    const checked = recordId(id, [object]);
    try {
      const record = await this.call(() => this.conn.sobject(object).retrieve(checked));
      const { attributes: _attributes, ...fields } = record as Record<string, unknown>;
      return fields;
    } catch (error) {
      const code = (error as { errorCode?: string }).errorCode;
      if (code === 'NOT_FOUND' || code === 'ENTITY_IS_DELETED') return null;
      throw error;
    }
  }

  async update(objectType: CrmObjectType, id: string, values: Record<string, unknown>): Promise<void> {
    const object = crmObject(objectType);
    const record = { ...fieldValues(values), Id: recordId(id, [object]) };
    const result = await this.call(() => this.conn.sobject(object).update(record));
    if (!result.success) throw saveError(result.errors);
  }

  async create(objectType: CrmObjectType, values: Record<string, unknown>): Promise<string> {
    const object = crmObject(objectType);
    const checked = fieldValues(values);
    const result = await this.call(() => this.conn.sobject(object).create(checked));
    if (!result.success || !result.id) throw saveError(result.errors);
    return result.id;
  }

  async upsertCallTask(task: Record<string, unknown>): Promise<string> {
    callTask(task);
    const callObject = String(task['CallObject'] ?? '');
    const [existing] = await this.rows(
      `SELECT Id FROM Task WHERE CallObject = ${soqlString(callObject)} ORDER BY CreatedDate LIMIT 1`,
    );
    if (existing) {
      // The owner stays who it was; TaskSubtype can be set on create only (Salesforce refuses it on update).
      const { OwnerId: _owner, TaskSubtype: _subtype, ...changes } = task;
      const id = recordId(existing.Id, ['Task'], 'Task.Id');
      const result = await this.call(() => this.conn.sobject('Task').update({ ...changes, Id: id }));
      if (!result.success) throw saveError(result.errors);
      return id;
    }
    const created = await this.call(() => this.conn.sobject('Task').create(task));
    if (!created.success || !created.id) throw saveError(created.errors);
    return created.id;
  }

  async userIdByEmail(email: string): Promise<string | null> {
    const [row] = await this.rows(
      `SELECT Id FROM User WHERE Email = ${soqlString(email)} AND IsActive = true LIMIT 1`,
    );
    return row?.Id ?? null;
  }

  async search(text: string, limit: number): Promise<CrmMatch[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw new CrmInputError('limit', 'must be a whole number from 1 to 200');
    const term = soslFindTerm(text);
    if (term === null) return [];
    const returning = CRM_OBJECTS.map((o) => `${o}(Id, Name LIMIT ${limit})`).join(', ');
    const result = await this.call(() =>
      this.conn.search(`FIND {${term}} IN ALL FIELDS RETURNING ${returning}`),
    );
    return result.searchRecords
      .map((r) => {
        const type = (r.attributes as { type?: string } | undefined)?.type as CrmObjectType | undefined;
        return type && (CRM_OBJECTS as readonly string[]).includes(type)
          ? match(type, r as unknown as Row)
          : null;
      })
      .filter((m): m is CrmMatch => m !== null)
      .slice(0, limit);
  }

  async ping(): Promise<void> {
    await this.call(() => this.conn.limits());
  }

  /**
   * The records of `object` matching `where`, with `fields` when asked. A
   * field the org does not have (a mistyped display field) must not cost
   * the agent the pop: the search is made again without the fields, and the
   * caller card's own look-up reports the field.
   */
  private async found(
    object: CrmObjectType,
    fields: readonly string[] | undefined,
    where: string,
  ): Promise<FoundRecord[]> {
    if (!fields || fields.length === 0)
      return (await this.rows(`SELECT Id, Name FROM ${object} ${where}`)).map((r) => match(object, r));
    const list = selectList(fields);
    try {
      return (await this.rows(`SELECT ${list.join(', ')} FROM ${object} ${where}`)).map((r) =>
        record(object, r, list),
      );
    } catch (error) {
      if ((error as { errorCode?: string }).errorCode !== 'INVALID_FIELD') throw error;
      this.logger.warn({ object, fields: list, msg: `a display field of ${object} is not in the org` });
      return this.found(object, undefined, where);
    }
  }

  private async rows(soql: string): Promise<Row[]> {
    const result = await this.call(async () => (await this.conn.query<Row>(soql)) as { records: Row[] });
    return result.records;
  }

  private call<T>(request: () => Promise<T>): Promise<T> {
    return this.salesforce.call(request);
  }
}

function match(objectType: CrmObjectType, row: Row): CrmMatch {
  return { objectType, id: row.Id, name: String(row['Name'] ?? row.Id) };
}

function selectList(fields: readonly string[]): string[] {
  return [...new Set(['Id', 'Name', ...fields.map((f) => fieldPath(f, 'fields'))])];
}

function record(objectType: CrmObjectType, row: Row, list: readonly string[]): CrmRecord {
  const values: Record<string, unknown> = {};
  for (const field of list) values[field] = pick(row, field);
  return { ...match(objectType, row), fields: values };
}

/** Reads "Owner.Name" out of { Owner: { Name } }. */
function pick(row: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      row,
    );
}

function saveError(errors: unknown): Error {
  const first = Array.isArray(errors)
    ? (errors[0] as { message?: string; errorCode?: string; statusCode?: string } | undefined)
    : undefined;
  return Object.assign(new Error(first?.message ?? 'Salesforce refused the change'), {
    errorCode: first?.errorCode ?? first?.statusCode ?? 'UNKNOWN',
  });
}
