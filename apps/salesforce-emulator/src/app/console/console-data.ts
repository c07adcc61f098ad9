import type { ConsoleConfig } from './console.config';

const API = '/services/data/v62.0';
/** Objects the console shows; the same four a screen pop can open (libs/contracts CrmObject). */
export const CONSOLE_OBJECTS = ['Contact', 'Account', 'Lead', 'Opportunity'] as const;
export type ConsoleObject = (typeof CONSOLE_OBJECTS)[number];

export class ConsoleDataError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

/**
 * The console reads and writes the org through its own public REST API, as
 * an integration client would, rather than through the org's internals: the
 * console then shows exactly what the gateway (through jsforce) sees.
 */
export class ConsoleData {
  private token: Promise<string> | null = null;
  private readonly base: string;

  constructor(
    private readonly config: Pick<
      ConsoleConfig,
      'SALESFORCE_EMULATOR_PORT' | 'SALESFORCE_EMULATOR_CLIENT_ID' | 'SALESFORCE_EMULATOR_CLIENT_SECRET'
    >,
    base?: string,
  ) {
    this.base = base ?? `http://127.0.0.1:${config.SALESFORCE_EMULATOR_PORT}`;
  }

  async record(type: ConsoleObject, id: string): Promise<Json> {
    return this.call('GET', `/sobjects/${type}/${encodeURIComponent(id)}`);
  }

  /** Tasks logged against the record (the call journal, C11). */
  async tasks(id: string): Promise<Json[]> {
    const safe = id.replace(/[^a-zA-Z0-9]/g, '');
    const soql =
      'SELECT Id, Subject, CallDisposition, CallType, CallDurationInSeconds, Status, CreatedDate FROM Task ' +
      `WHERE WhoId = '${safe}' OR WhatId = '${safe}' ORDER BY CreatedDate DESC LIMIT 20`;
    const answer = await this.call<{ records?: Json[] }>('GET', `/query?q=${encodeURIComponent(soql)}`);
    return answer.records ?? [];
  }

  async recent(type: ConsoleObject, limit = 8): Promise<Json[]> {
    const fields = type === 'Opportunity' ? 'Id, Name, StageName' : 'Id, Name, Phone';
    const soql = `SELECT ${fields} FROM ${type} ORDER BY CreatedDate DESC LIMIT ${limit}`;
    const answer = await this.call<{ records?: Json[] }>('GET', `/query?q=${encodeURIComponent(soql)}`);
    return answer.records ?? [];
  }

  /** The search page: SOSL over every object the console shows. */
  async search(text: string): Promise<Json[]> {
    const term = text.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, ' ').trim();
    if (term.length < 2) return [];
    const sosl =
      `FIND {${term}} IN ALL FIELDS RETURNING Contact(Id, Name, Phone), Account(Id, Name, Phone), ` +
      'Lead(Id, Name, Phone, Company), Opportunity(Id, Name, StageName)';
    const answer = await this.call<{ searchRecords?: Json[] }>(
      'GET',
      `/search?q=${encodeURIComponent(sosl)}`,
    );
    return answer.searchRecords ?? [];
  }

  async create(type: ConsoleObject | 'Task', fields: Json): Promise<string> {
    const answer = await this.call<{ id: string }>('POST', `/sobjects/${type}`, fields);
    return answer.id;
  }

  private async call<T = Json>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const token = await this.accessToken();
    const res = await fetch(`${this.base}${API}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status === 401 && !retried) {
      this.token = null;
      return this.call<T>(method, path, body, true);
    }
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (!res.ok) {
      const first = Array.isArray(parsed) ? (parsed[0] as { message?: string } | undefined) : undefined;
      throw new ConsoleDataError(res.status, first?.message ?? `HTTP ${res.status}`);
    }
    return parsed as T;
  }

  private accessToken(): Promise<string> {
    this.token ??= this.login().catch((error: unknown) => {
      this.token = null;
      throw error;
    });
    return this.token;
  }

  private async login(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.SALESFORCE_EMULATOR_CLIENT_ID,
      client_secret: this.config.SALESFORCE_EMULATOR_CLIENT_SECRET,
    });
    const res = await fetch(`${this.base}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (!res.ok) throw new ConsoleDataError(502, `the org refused the console's login (HTTP ${res.status})`);
    return ((await res.json()) as { access_token: string }).access_token;
  }
}
