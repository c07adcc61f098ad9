import type { DmlContext, DmlService } from '../dml/dml.service';
import { mintId } from '../ids/sf-id';
import type { SObjectRecord } from '../metadata/object';
import { LEAD_STATUSES } from '../metadata/objects/lead';
import { OPPORTUNITY_STAGES } from '../metadata/objects/opportunity';
import { formatDate } from '../values/dates';
import { dialerDemoRecords } from './dialer-demo';
import { demoUsers } from './demo-users';
import { type Market, MARKETS } from './people';
import { phoneNumber } from './phones';
import { Random } from './random';
import { SHOWCASE } from './showcase';

const DAY = 86_400_000;
/**
 * A demo-sized org (the default 3000 records) also holds the dialer's demo
 * contacts (dialer-demo.ts); the small orgs tests seed do not.
 */
export const DIALER_DEMO_MIN_RECORDS = 1000;
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const INDUSTRIES = [
  'Retail',
  'Banking',
  'Healthcare',
  'Technology',
  'Manufacturing',
  'Education',
  'Insurance',
  'Energy',
];
const PRODUCTS = [
  'Renovación anual',
  'Licencias adicionales',
  'Implementación',
  'Soporte premium',
  'Expansión regional',
  'Upgrade',
];
const DISPOSITIONS = [
  'Contactado',
  'No contesta',
  'Ocupado',
  'Volver a llamar',
  'Venta',
  'Número equivocado',
];

export interface SeedSummary {
  users: number;
  accounts: number;
  contacts: number;
  leads: number;
  opportunities: number;
  tasks: number;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

/**
 * Fills an empty org: users first (agent1…agent20, supervisor1/2, the
 * integration user), the showcase records, then `records` Accounts,
 * Contacts, Leads and Opportunities from Argentina, Spain and the US with
 * phone numbers in every format (some shared by records of different
 * types), and call Tasks. Everything goes through the DML, so triggers
 * (PhoneIndex__c) and validation apply. The same seed gives the same data.
 */
export class OrgSeeder {
  private readonly r: Random;
  private owners: string[] = [];

  constructor(
    private readonly dml: DmlService,
    private readonly seed: number,
    private readonly now: number,
  ) {
    this.r = new Random(seed);
  }

  run(records: number): SeedSummary {
    const users = this.users();
    const showcase = this.showcase();
    const accounts = this.times(Math.round(records * 0.12), () => this.account());
    const contacts = this.times(Math.round(records * 0.45), () => this.contact(accounts));
    const leads = this.times(Math.round(records * 0.28), () => this.lead(contacts));
    const opportunities = this.times(Math.round(records * 0.15), () => this.opportunity(accounts));
    const tasks = this.times(Math.round(records * 0.1), () => this.task([...contacts, ...leads]));
    // Last, so the records above stay what they were before the dialer's people joined the org.
    const dialer = records >= DIALER_DEMO_MIN_RECORDS ? this.dialerPeople(accounts) : [];
    const dialerCount = (object: string) => dialer.filter((r) => r === object).length;
    return {
      users,
      accounts: accounts.length + showcase.filter((s) => s === 'Account').length,
      contacts: contacts.length + showcase.filter((s) => s === 'Contact').length + dialerCount('Contact'),
      leads: leads.length + showcase.filter((s) => s === 'Lead').length + dialerCount('Lead'),
      opportunities: opportunities.length,
      tasks: tasks.length,
    };
  }

  private times<T>(n: number, make: () => T): T[] {
    return Array.from({ length: n }, make);
  }

  private ctx(daysBack: number): DmlContext {
    const owner = this.owners.length > 0 ? this.r.pick(this.owners) : mintId('005', 1);
    return { userId: owner, now: this.now - daysBack * DAY - this.r.int(0, DAY / 1000) * 1000 };
  }

  private create(objectName: string, values: Record<string, unknown>, daysBack: number): SObjectRecord {
    const ctx = this.ctx(daysBack);
    return this.dml.create(this.dml.typeOf(objectName), { OwnerId: ctx.userId, ...values }, ctx);
  }

  private users(): number {
    const ctx: DmlContext = { userId: mintId('005', 1), now: this.now - 800 * DAY };
    const ids = new Map<string, string>();
    for (const u of demoUsers()) {
      const user = this.dml.create(
        this.dml.typeOf('User'),
        {
          Username: u.username,
          Email: u.username,
          FirstName: u.firstName,
          LastName: u.lastName,
          Alias: u.alias,
          CommunityNickname: u.alias,
          Title: u.title,
          Extension: u.extension,
          FederationIdentifier: u.dialerUser,
          ManagerId: u.manager ? ids.get(u.manager) : null,
          Department: u.username.startsWith('integration') ? 'IT' : 'Contact Center',
          TimeZoneSidKey: 'America/Argentina/Buenos_Aires',
          LocaleSidKey: 'es_AR',
          LanguageLocaleKey: 'es',
        },
        ctx,
      );
      ids.set(u.username, user['Id'] as string);
    }
    this.owners = [...ids].filter(([name]) => name.startsWith('agent')).map(([, id]) => id);
    return ids.size;
  }

  private showcase(): string[] {
    const byKey = new Map<string, SObjectRecord>();
    const owner = this.owners[0];
    for (const s of SHOWCASE) {
      const account = s.account ? byKey.get(s.account)?.['Id'] : undefined;
      const ctx = { userId: owner, now: this.now - 30 * DAY };
      const values = { ...s.values, OwnerId: owner, ...(account ? { AccountId: account } : {}) };
      byKey.set(s.key, this.dml.create(this.dml.typeOf(s.object), values, ctx));
    }
    return SHOWCASE.map((s) => s.object);
  }

  private market(): Market {
    const x = this.r.float();
    return x < 0.6 ? 'AR' : x < 0.8 ? 'ES' : 'US';
  }

  private companyName(market: Market): string {
    const data = MARKETS[market];
    return this.r
      .pick(data.companyPatterns)
      .replace('{Last}', this.r.pick(data.lastNames))
      .replace('{Word}', this.r.pick(data.companyWords));
  }

  private account(): SObjectRecord {
    const market = this.market();
    const data = MARKETS[market];
    const place = this.r.pick(data.cities);
    const name = this.companyName(market);
    return this.create(
      'Account',
      {
        Name: name,
        Phone: phoneNumber(this.r, market, place.area, false),
        Fax: this.r.chance(0.2) ? phoneNumber(this.r, market, place.area, false) : null,
        Website: `www.${slug(name).replace(/\./g, '')}.example.com`,
        Industry: this.r.pick(INDUSTRIES),
        Type: this.r.pick([
          'Prospect',
          'Customer - Direct',
          'Customer - Channel',
          'Channel Partner / Reseller',
        ]),
        Rating: this.r.pick(['Hot', 'Warm', 'Cold']),
        NumberOfEmployees: this.r.int(5, 5000),
        AnnualRevenue: this.r.int(1, 500) * 100_000,
        BillingStreet: `${this.r.pick(data.streets)} ${this.r.int(100, 4999)}`,
        BillingCity: place.city,
        BillingState: place.state,
        BillingPostalCode: place.postalCode,
        BillingCountry: data.country,
      },
      this.r.int(30, 730),
    );
  }

  private person(market: Market): { first: string; last: string; email: string } {
    const data = MARKETS[market];
    const first = this.r.pick(data.firstNames);
    const last = this.r.pick(data.lastNames);
    return {
      first,
      last,
      email: `${slug(first)}.${slug(last)}${this.r.int(1, 99)}@${this.r.pick(data.domains)}`,
    };
  }

  private contact(accounts: readonly SObjectRecord[]): SObjectRecord {
    const account = accounts.length > 0 && this.r.chance(0.75) ? this.r.pick(accounts) : null;
    const market = account ? this.marketOf(account) : this.market();
    const data = MARKETS[market];
    const place = this.r.pick(data.cities);
    const p = this.person(market);
    const switchboard = account && this.r.chance(0.15) ? account['Phone'] : null;
    const phone = (mobile: boolean, probability: number) =>
      this.r.chance(probability) ? phoneNumber(this.r, market, place.area, mobile) : null;
    return this.create(
      'Contact',
      {
        FirstName: p.first,
        LastName: p.last,
        AccountId: account?.['Id'] ?? null,
        Email: this.r.chance(0.85) ? p.email : null,
        Phone: switchboard ?? phone(false, 0.6),
        MobilePhone: phone(true, 0.7),
        HomePhone: phone(false, 0.15),
        OtherPhone: phone(true, 0.05),
        Fax: phone(false, 0.05),
        Title: this.r.chance(0.7) ? this.r.pick(data.titles) : null,
        Department: this.r.chance(0.4)
          ? this.r.pick(['Compras', 'Ventas', 'Finanzas', 'Sistemas', 'Operations'])
          : null,
        MailingStreet: `${this.r.pick(data.streets)} ${this.r.int(100, 4999)}`,
        MailingCity: place.city,
        MailingState: place.state,
        MailingPostalCode: place.postalCode,
        MailingCountry: data.country,
        Birthdate: this.r.chance(0.3)
          ? formatDate(Date.UTC(this.r.int(1950, 2002), this.r.int(0, 11), this.r.int(1, 28)))
          : null,
        LeadSource: this.r.pick(LEAD_SOURCES),
        DoNotCall: this.r.chance(0.03),
        neoContactId__c: this.r.chance(0.1) ? String(this.r.int(100000, 999999)) : null,
      },
      this.r.int(1, 700),
    );
  }

  private lead(contacts: readonly SObjectRecord[]): SObjectRecord {
    const market = this.market();
    const data = MARKETS[market];
    const place = this.r.pick(data.cities);
    // Someone who is already a contact comes in again as a lead: the same mobile on two record types.
    const twin = contacts.length > 0 && this.r.chance(0.05) ? this.r.pick(contacts) : null;
    const p = twin
      ? { first: twin['FirstName'] as string, last: twin['LastName'] as string, email: twin['Email'] }
      : this.person(market);
    return this.create(
      'Lead',
      {
        FirstName: p.first,
        LastName: p.last,
        Company: this.companyName(market),
        Email: this.r.chance(0.8) ? p.email : null,
        Phone: this.r.chance(0.6) ? phoneNumber(this.r, market, place.area, false) : null,
        MobilePhone:
          twin?.['MobilePhone'] ??
          (this.r.chance(0.6) ? phoneNumber(this.r, market, place.area, true) : null),
        Status: this.r.pick(LEAD_STATUSES.slice(0, 2)),
        LeadSource: this.r.pick(LEAD_SOURCES),
        Industry: this.r.pick(INDUSTRIES),
        Rating: this.r.pick(['Hot', 'Warm', 'Cold']),
        City: place.city,
        State: place.state,
        Country: data.country,
      },
      this.r.int(1, 400),
    );
  }

  /**
   * The dialer's demo contacts the org shares (the first 70% of each dialer
   * database): same people, same numbers in CRM formats, so demo calls pop
   * them. Contacts sometimes work for an Account of their country.
   */
  private dialerPeople(accounts: readonly SObjectRecord[]): string[] {
    return dialerDemoRecords().map(({ object, contact, values }) => {
      const market: Market = contact.country;
      const mates = accounts.filter((a) => this.marketOf(a) === market);
      const extra =
        object === 'Lead'
          ? { Company: this.companyName(market), Status: this.r.pick(LEAD_STATUSES.slice(0, 2)) }
          : { AccountId: mates.length > 0 && this.r.chance(0.5) ? this.r.pick(mates)['Id'] : null };
      this.create(object, { ...values, ...extra }, this.r.int(1, 500));
      return object;
    });
  }

  private opportunity(accounts: readonly SObjectRecord[]): SObjectRecord {
    const account = this.r.pick(accounts);
    const [stage] = this.r.pick(OPPORTUNITY_STAGES);
    return this.create(
      'Opportunity',
      {
        Name: `${String(account['Name'])} - ${this.r.pick(PRODUCTS)}`,
        AccountId: account['Id'],
        StageName: stage,
        CloseDate: formatDate(this.now + this.r.int(-120, 120) * DAY),
        Amount: this.r.int(5, 500) * 1000,
        Type: this.r.pick(['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Replacement']),
        LeadSource: this.r.pick(LEAD_SOURCES),
      },
      this.r.int(1, 365),
    );
  }

  private task(people: readonly SObjectRecord[]): SObjectRecord {
    const who = this.r.pick(people);
    const inbound = this.r.chance(0.5);
    const daysBack = this.r.int(0, 90);
    const answered = this.r.chance(0.75);
    return this.create(
      'Task',
      {
        Subject: inbound
          ? `Llamada entrante de ${String(who['Name'])}`
          : `Llamada saliente a ${String(who['Name'])}`,
        WhoId: who['Id'],
        WhatId: who['AccountId'] ?? null,
        Status: 'Completed',
        Priority: 'Normal',
        ActivityDate: formatDate(this.now - daysBack * DAY),
        Type: 'Call',
        TaskSubtype: 'Call',
        CallType: inbound ? 'Inbound' : 'Outbound',
        CallDurationInSeconds: answered ? this.r.int(20, 900) : 0,
        CallObject: `seed-${this.seed}-${this.r.digits(8)}`,
        CallDisposition: answered ? this.r.pick(DISPOSITIONS) : 'No contesta',
        Description: inbound ? 'Consulta atendida por el contact center.' : 'Llamado de seguimiento.',
      },
      daysBack,
    );
  }

  private marketOf(account: SObjectRecord): Market {
    const country = account['BillingCountry'];
    return country === 'España' ? 'ES' : country === 'United States' ? 'US' : 'AR';
  }
}
