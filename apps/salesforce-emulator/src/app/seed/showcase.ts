/**
 * A handful of fixed records with known numbers (docs/salesforce-emulator.md),
 * for demos and for tests of the gateway's screen pop: one match, several
 * matches of different types, a shared switchboard, each market.
 */
export interface ShowcaseRecord {
  object: 'Account' | 'Contact' | 'Lead';
  key: string;
  values: Record<string, unknown>;
  /** Key of the showcase Account the record belongs to. */
  account?: string;
}

export const SHOWCASE: readonly ShowcaseRecord[] = [
  {
    object: 'Account',
    key: 'acme',
    values: {
      Name: 'Acme Argentina S.A.',
      Phone: '+54 11 4555-0003',
      Industry: 'Retail',
      Type: 'Customer - Direct',
      BillingCity: 'Buenos Aires',
      BillingCountry: 'Argentina',
    },
  },
  {
    object: 'Contact',
    key: 'maria',
    values: {
      FirstName: 'María',
      LastName: 'González',
      MobilePhone: '+54 9 11 5555-0001',
      Email: 'maria.gonzalez@example.com',
      MailingCity: 'Buenos Aires',
      MailingCountry: 'Argentina',
      neoSyncId__c: 900001,
    },
  },
  {
    object: 'Contact',
    key: 'juan-contact',
    account: 'acme',
    values: {
      FirstName: 'Juan',
      LastName: 'Pérez',
      Phone: '011 4555-0002',
      Email: 'juan.perez@acme.example.com',
      Title: 'Jefe de Compras',
    },
  },
  {
    object: 'Lead',
    key: 'juan-lead',
    values: {
      FirstName: 'Juan',
      LastName: 'Pérez',
      Company: 'Pérez Hnos. S.A.',
      Phone: '+54 11 4555-0002',
      LeadSource: 'Phone Inquiry',
    },
  },
  {
    object: 'Contact',
    key: 'ana',
    account: 'acme',
    values: {
      FirstName: 'Ana',
      LastName: 'Romero',
      Phone: '+54 11 4555-0003',
      MobilePhone: '11 15 5555-0004',
      Title: 'Recepción',
    },
  },
  {
    object: 'Lead',
    key: 'carmen',
    values: {
      FirstName: 'Carmen',
      LastName: 'López',
      Company: 'Levante Ibérica S.A.',
      MobilePhone: '+34 612 345 678',
      Country: 'España',
      Status: 'Working - Contacted',
    },
  },
  {
    object: 'Contact',
    key: 'john',
    values: {
      FirstName: 'John',
      LastName: 'Smith',
      Phone: '(415) 555-0100',
      Email: 'john.smith@example.com',
      MailingCity: 'San Francisco',
      MailingCountry: 'United States',
    },
  },
];
