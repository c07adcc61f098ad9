import { Connection, OAuth2 } from 'jsforce';

type Row = Record<string, unknown> & { Id: string };

const PREFIXES: Record<string, string> = {
  '003': 'Contact',
  '001': 'Account',
  '00Q': 'Lead',
  '006': 'Opportunity',
};

/** The default display fields per object (the Call Center's displayFields, C14). */
const DISPLAY: Record<string, string> = {
  Contact: 'Id, Name, Phone, Account.Name, Owner.Name',
  Account: 'Id, Name, Phone, AnnualRevenue, Owner.Name',
  Lead: 'Id, Name, Company, Status, Owner.Name',
  Opportunity: 'Id, Name, StageName, Amount, Owner.Name',
};

/** A jsforce client of the emulator's demo connected app, logged in with client credentials as the gateway is. */
export async function benchConnection(url: string): Promise<Connection> {
  const conn = new Connection({
    oauth2: new OAuth2({ clientId: 'puente-demo', clientSecret: 'puente-demo-secret', loginUrl: url }),
    loginUrl: url,
    version: '62.0',
  });
  await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}

/**
 * The Salesforce round trips a pop of an outbound call needs, in the order
 * the gateway's adapter makes them (apps/gateway/src/app/crm/caller-search.ts
 * and jsforce-crm.adapter.ts, which a tool may not import): the dialer's
 * contact id written back by an earlier pop (neoContactId__c, C1/C3) on each
 * object side by side with the PhoneIndex__c look-up, then the matched
 * records by id with the caller card's display fields (one query per
 * object, side by side). Timing this bare sequence from the same client
 * machine gives the share of the pop that is Salesforce's, so the rest is
 * the gateway's. Returns how many records matched.
 */
export async function barePhonePop(
  conn: Connection,
  e164: string,
  lastDigits: number,
  dialerContactId: string,
): Promise<number> {
  const reversed = e164.replace(/\D/g, '').split('').reverse().join('').slice(0, lastDigits);
  const [index] = await Promise.all([
    conn.query<Row>(
      `SELECT RecordId__c, ObjectType__c FROM PhoneIndex__c WHERE ReversedDigits__c LIKE '${reversed}%' LIMIT 100`,
    ),
    ...Object.entries(DISPLAY).map(([object, fields]) =>
      conn.query<Row>(
        `SELECT ${fields} FROM ${object} WHERE neoContactId__c = '${dialerContactId}' LIMIT 20`,
      ),
    ),
  ]);
  const ids = [...new Set(index.records.map((r) => String(r['RecordId__c'])))].filter(
    (id) => PREFIXES[id.slice(0, 3)],
  );
  if (ids.length === 0) return 0;
  const byObject = new Map<string, string[]>();
  for (const id of ids)
    byObject.set(PREFIXES[id.slice(0, 3)], [...(byObject.get(PREFIXES[id.slice(0, 3)]) ?? []), id]);
  const found = await Promise.all(
    [...byObject].map(([object, list]) =>
      conn.query<Row>(
        `SELECT ${DISPLAY[object]} FROM ${object} WHERE Id IN (${list.map((id) => `'${id}'`).join(', ')})`,
      ),
    ),
  );
  return found.flatMap((r) => r.records).length;
}
