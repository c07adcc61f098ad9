import type { Directory, DialerStore, StoredCampaign, StoredContact } from '../dialer-store';
import { StoreError } from '../dialer-store';

/** Opens a fresh store (its own demo data) and closes it with whatever it opened. */
export type OpenContractStore = () => Promise<{ store: DialerStore; close(): Promise<void> }>;

export interface ContractContext {
  store(): DialerStore;
}

/** The engine's virtual clock starts here in tests (startTestDialer). */
export const NOW = new Date('2025-03-03T12:00:00Z');
export const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
/** An id no demo row has (numeric, so the SQL store reaches its procedure rather than a cast error). */
export const UNKNOWN_ID = '987654321';

/** The stable code of a StoreError (fails when the work succeeds or fails otherwise). */
export async function storeRefusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof StoreError) return error.code;
    throw error;
  }
  throw new Error('expected a StoreError');
}

export function campaignByMode(directory: Directory, mode: StoredCampaign['dialerMode']): StoredCampaign {
  const campaign = directory.campaigns.find((c) => c.dialerMode === mode);
  if (!campaign) throw new Error(`the demo directory has no ${mode} campaign`);
  return campaign;
}

export function userByLogin(directory: Directory, login: string) {
  const user = directory.users.find((u) => u.login === login);
  if (!user) throw new Error(`the demo directory has no user ${login}`);
  return user;
}

/** Contacts reserved from a campaign's list, for tests that need real rows. */
export async function reserve(
  store: DialerStore,
  campaignId: string,
  count: number,
): Promise<StoredContact[]> {
  const contacts = await store.nextToDial(campaignId, NOW, count);
  if (contacts.length !== count)
    throw new Error(`campaign ${campaignId} had ${contacts.length} of ${count} contacts`);
  return contacts;
}

/** A campaign, one of its contacts (reserved) and its CRM's categories, split by kind. */
export async function dispositionSetup(store: DialerStore) {
  const directory = await store.loadDirectory();
  const campaign = campaignByMode(directory, 'progressive');
  const [contact] = await reserve(store, campaign.id, 1);
  const categories = await store.categories(contact.crmId);
  const plain = categories.find((c) => !c.schedules && c.subcategories.length > 0);
  const agenda = categories.find((c) => c.schedules);
  if (!plain || !agenda) throw new Error(`CRM ${contact.crmId} lacks a plain or an agenda category`);
  const user = userByLogin(directory, 'agent01');
  return { directory, campaign, contact, categories, plain, agenda, user };
}
