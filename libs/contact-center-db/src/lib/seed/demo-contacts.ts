import { type DemoPerson, demoPerson, prng } from './demo-people';

/** The dialer's demo contacts by default: the seed and count `seedDemoData` uses. */
export const DEMO_CONTACTS_SEED = 20_240_501;
export const DEMO_CONTACTS_COUNT = 3000;

/** Where contact i goes: the three campaign databases, and a quarter of known inbound callers. */
export const DEMO_CONTACT_HOMES = [
  { database: 10, crm: 1, prefix: 'V' },
  { database: 20, crm: 2, prefix: 'C' },
  { database: 30, crm: 3, prefix: 'A' },
  { database: 31, crm: 3, prefix: 'E' },
] as const;

export interface DemoContact extends DemoPerson {
  /** Position in the generated sequence (0-based). */
  index: number;
  database: number;
  crm: number;
  /** Clave_1: a customer number, stable for a given index ("V100000"). */
  key: string;
  /** Owning agent's user id for some inbound callers (owner routing), else null. */
  owner: string | null;
}

/**
 * The dialer's demo contacts, as a pure function: the same seed and count
 * give the same people, keys and phone numbers on every machine. The dialer
 * seeds them (seedDemoData) and the local Salesforce org copies a share of
 * them, so a demo call finds its record.
 */
export function demoContacts(seed = DEMO_CONTACTS_SEED, count = DEMO_CONTACTS_COUNT): DemoContact[] {
  const random = prng(seed);
  const contacts: DemoContact[] = [];
  for (let i = 0; i < count; i++) {
    const home = DEMO_CONTACT_HOMES[i % DEMO_CONTACT_HOMES.length];
    const person = demoPerson(random, i);
    contacts.push({
      ...person,
      index: i,
      database: home.database,
      crm: home.crm,
      key: `${home.prefix}${String(100000 + i)}`,
      owner: home.database === 31 && i % 8 === 3 ? String((i % 20) + 1) : null,
    });
  }
  return contacts;
}

/**
 * The share of the demo contacts the local Salesforce org also holds: the
 * first `share` (70%) of each database, i.e. every index below 70% of the
 * count, since contacts are dealt to the databases in turn.
 */
export function isInDemoOrg(index: number, count = DEMO_CONTACTS_COUNT, share = 0.7): boolean {
  return index < Math.round(count * share);
}
