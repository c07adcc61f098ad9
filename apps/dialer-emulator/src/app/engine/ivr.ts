import { IVR_HEADERS, IvrContactResponseSchema } from '@puente/contracts';
import { signedHeaders } from '@puente/server-kit';
import type { DialerStore, SalesforceContactResult } from '../store/dialer-store';

export interface IvrContactInput {
  data: string;
  ani: string;
  databaseId: string;
  queueId: string;
}

/**
 * The IVR's one database step before queueing a call (D1): run
 * CONTACTO_INSERT_SALESFORCE and get CLAVESF back. Swappable: straight into
 * the contact-center database, or through the gateway's signed endpoint.
 */
export interface IvrPort {
  readonly kind: 'repository' | 'http';
  insertContact(input: IvrContactInput): Promise<SalesforceContactResult>;
}

export class RepositoryIvr implements IvrPort {
  readonly kind = 'repository' as const;

  constructor(private readonly store: DialerStore) {}

  insertContact(input: IvrContactInput): Promise<SalesforceContactResult> {
    return this.store.insertSalesforceContact(input.data, input.ani, input.databaseId);
  }
}

/** POST {url} with the IVR's HMAC headers (the gateway's /api/v1/ivr/contacts). */
export class HttpIvr implements IvrPort {
  readonly kind = 'http' as const;

  constructor(
    private readonly url: string,
    private readonly keyId: string,
    private readonly secret: string,
    private readonly timeoutMs = 3000,
  ) {}

  async insertContact(input: IvrContactInput): Promise<SalesforceContactResult> {
    const body = JSON.stringify(input);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(IVR_HEADERS, this.keyId, this.secret, body),
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const json = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) throw new Error(`IVR endpoint answered HTTP ${res.status}: ${JSON.stringify(json)}`);
    const parsed = IvrContactResponseSchema.parse(json);
    return {
      clavesf: parsed.clavesf,
      contactId: parsed.contactId,
      data: parsed.data,
      created: parsed.created,
    };
  }
}
