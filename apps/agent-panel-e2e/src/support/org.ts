import { expect, type APIRequestContext } from '@playwright/test';

/** The demo org's connected app (docs/salesforce-emulator.md, "Demo credentials"). */
const CLIENT = { id: 'puente-demo', secret: 'puente-demo-secret' };

export interface OrgTask {
  Id: string;
  Subject: string | null;
  Description: string | null;
  CallDisposition: string | null;
  CallObject: string;
  WhoId: string | null;
  WhatId: string | null;
}

/**
 * The local org read as the gateway reads it: OAuth client credentials, then
 * SOQL over the REST API. What the tests assert is what Salesforce holds, not
 * what a page shows.
 */
export class Org {
  private token: string | null = null;

  constructor(
    private readonly request: APIRequestContext,
    readonly url: string,
  ) {}

  async query<T>(soql: string): Promise<T[]> {
    if (!this.token) {
      const res = await this.request.post(`${this.url}/services/oauth2/token`, {
        form: { grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret },
      });
      expect(res.ok(), `token: ${res.status()} ${await res.text()}`).toBe(true);
      this.token = ((await res.json()) as { access_token: string }).access_token;
    }
    const res = await this.request.get(`${this.url}/services/data/v62.0/query`, {
      params: { q: soql },
      headers: { authorization: `Bearer ${this.token}` },
    });
    expect(res.ok(), `${soql}: ${res.status()} ${await res.text()}`).toBe(true);
    return ((await res.json()) as { records: T[] }).records;
  }

  /** The Task journaling one dialer call (its CallObject is "<dialer instance id>:<call id>"), once `ready` says it is complete. */
  async taskOf(callObject: string, ready: (task: OrgTask) => boolean = () => true): Promise<OrgTask> {
    let found: OrgTask | undefined;
    await expect
      .poll(
        async () => {
          const tasks = await this.query<OrgTask>(
            `SELECT Id, Subject, Description, CallDisposition, CallObject, WhoId, WhatId FROM Task WHERE CallObject = '${callObject}'`,
          );
          expect(tasks.length, `Tasks for ${callObject}`).toBeLessThanOrEqual(1);
          found = tasks[0];
          return !!found && ready(found);
        },
        { timeout: 30_000, message: `the Task of call ${callObject}` },
      )
      .toBe(true);
    return found as OrgTask;
  }

  /** A record created through the console's API (as a user saving the new-record form). */
  async create(type: string, fields: Record<string, string>): Promise<string> {
    const res = await this.request.post(`${this.url}/lightning/console/api/records/${type}`, {
      data: fields,
    });
    expect(res.ok(), `create ${type}: ${res.status()} ${await res.text()}`).toBe(true);
    return ((await res.json()) as { id: string }).id;
  }

  /** Call Center items by "/section/item" path, as the Setup page saves them. */
  async setCallCenter(values: Record<string, string>): Promise<void> {
    const res = await this.request.put(`${this.url}/lightning/console/api/setup/call-center`, {
      data: values,
    });
    expect(res.ok(), `setup: ${res.status()} ${await res.text()}`).toBe(true);
  }

  async callCenter(): Promise<Record<string, string>> {
    return (await this.request.get(`${this.url}/lightning/console/api/opencti/call-center-settings`)).json();
  }
}
