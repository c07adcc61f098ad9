import { Logger } from '@nestjs/common';
import { CRM_OBJECTS, type CrmMatch, type CrmObjectType } from '@puente/crm';
import type { PhoneMatchRule } from '@puente/phone';
import { Connection, OAuth2 } from 'jsforce';
import { callTask, crmObject, fieldPath, fieldValues, recordId } from './crm-input';
import {
  type Crm,
  CrmInputError,
  CrmLoginError,
  type CrmRecord,
  CrmUnavailableError,
  type FieldsByObject,
  type FoundRecord,
} from './crm.port';
import { type SalesforceAuthConfig, tokenParams } from './salesforce-auth';
import { objectOfId, reversedDigits, soqlString, soslFindTerm } from './soql';

export interface JsforceCrmOptions {
  auth: SalesforceAuthConfig;
  apiVersion: string;
  timeoutMs: number;
}

type Row = Record<string, unknown> & { Id: string };

/**
 * The Crm port over jsforce (DESIGN principle 1). It logs in with the
 * configured OAuth flow on first use and again whenever Salesforce answers
 * INVALID_SESSION_ID (jsforce replays the request once with the new token);
 * every call has a time-out; network failures become CrmUnavailableError so
 * that callers can tell "try later" from "Salesforce said no". Object names,
 * ids and field names are checked (crm-input.ts) before any of them reaches
 * jsforce, whoever the caller: a bad one is a CrmInputError and no request.
 */
export class JsforceCrmAdapter implements Crm {
  private readonly logger = new Logger('Salesforce');
  private readonly conn: Connection;
  private session: Promise<void> | undefined;

  constructor(private readonly options: JsforceCrmOptions) {
    const { auth } = options;
    const oauth2 = new OAuth2({
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      loginUrl: auth.loginUrl,
    });
    this.conn = new Connection({
      oauth2,
      loginUrl: auth.loginUrl,
      version: options.apiVersion,
      refreshFn: (_conn, callback) => {
        this.login()
          .then(() => callback(null, this.conn.accessToken ?? undefined))
          .catch((error: Error) => callback(error));
      },
    });
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

  async findByPhone(e164: string, rule: PhoneMatchRule, fields: FieldsByObject = {}): Promise<FoundRecord[]> {
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

  /** Logs in once (concurrent callers share the attempt), then runs the request with a time-out. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    if (!this.conn.accessToken) {
      this.session ??= this.login().finally(() => (this.session = undefined));
      await this.session;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new CrmUnavailableError(`Salesforce did not answer within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
    });
    try {
      return await Promise.race([request(), timeout]);
    } catch (error) {
      throw classify(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async login(): Promise<void> {
    let params: ReturnType<typeof tokenParams>;
    try {
      params = tokenParams(this.options.auth);
    } catch (error) {
      throw new CrmLoginError(`cannot build the Salesforce login request: ${(error as Error).message}`);
    }
    try {
      await this.conn.authorize(params);
      this.logger.log({
        instanceUrl: this.conn.instanceUrl,
        msg: `authorized with Salesforce (${this.options.auth.flow})`,
      });
    } catch (error) {
      // jsforce names an OAuth refusal after its error code (invalid_client, invalid_grant…).
      const name = (error as Error).name;
      if (/^[a-z]+(_[a-z]+)+$/.test(name))
        throw new CrmLoginError(
          `Salesforce refused the gateway's ${this.options.auth.flow} login (${name}: ${(error as Error).message}); ` +
            'check the connected app, the integration user and the SALESFORCE_* settings',
        );
      throw classify(error);
    }
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

/**
 * Salesforce's own passing failures: over the API allowance, an internal
 * error, maintenance. Like a network failure they are worth retrying later,
 * and the outbox must not park a Task because of them.
 */
const TRANSIENT_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'UNKNOWN_EXCEPTION', 'SERVER_UNAVAILABLE']);

/**
 * Salesforce's refusals carry an errorCode; transient codes, bare HTTP 5xx/429
 * answers (jsforce names them ERROR_HTTP_<status>) and anything without a
 * code mean it could not be reached or could not serve us just now.
 */
export function classify(error: unknown): Error {
  if (error instanceof CrmUnavailableError) return error;
  const e = error as { errorCode?: unknown; message?: string };
  if (
    typeof e.errorCode === 'string' &&
    !TRANSIENT_CODES.has(e.errorCode) &&
    !/^ERROR_HTTP_(5\d\d|429|420)$/.test(e.errorCode)
  )
    return error as Error;
  return new CrmUnavailableError(
    `Salesforce cannot be reached (${typeof e.errorCode === 'string' ? e.errorCode : (e.message ?? String(error))})`,
  );
}
