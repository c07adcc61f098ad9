import { type DemoContact, demoContacts, isInDemoOrg } from '@puente/contact-center-db';
import { toE164 } from '@puente/phone';

/** The fields a record copied from the dialer's demo contacts gets, before owner and account. */
export interface DialerDemoRecord {
  object: 'Contact' | 'Lead';
  contact: DemoContact;
  values: Record<string, unknown>;
}

/** The same number as the dialer holds, written the way someone would type it into the CRM. */
export function crmFormat(raw: string, country: DemoContact['country'], variant: number): string | null {
  const e164 = toE164(raw, country);
  if (!e164) return null;
  const styles = formats(e164);
  if (styles.length === 0) return raw;
  for (let k = 0; k < styles.length; k++) {
    const candidate = styles[(variant + k) % styles.length];
    if (candidate !== raw) return candidate;
  }
  return styles[0];
}

function formats(e164: string): string[] {
  const split = (n: string) => [n.slice(0, n.length - 4), n.slice(-4)];
  if (e164.startsWith('+549')) {
    const rest = e164.slice(4);
    const area = rest.slice(0, rest.length - 8);
    const [a, b] = split(rest.slice(area.length));
    return [
      `0${area} 15 ${a}-${b}`,
      `+54 9 ${area} ${a} ${b}`,
      `(0${area}) 15-${a}-${b}`,
      `54 9 ${area} ${a}-${b}`,
    ];
  }
  if (e164.startsWith('+54')) {
    const rest = e164.slice(3);
    const area = rest.slice(0, rest.length - 8);
    const [a, b] = split(rest.slice(area.length));
    return [`+54 ${area} ${a}-${b}`, `0054 ${area} ${a} ${b}`, `0${area} ${a}-${b}`, `(0${area}) ${a} ${b}`];
  }
  if (e164.startsWith('+34')) {
    const n = e164.slice(3);
    const [x, y, z] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
    return [`+34 ${x} ${y} ${z}`, `0034 ${x} ${y} ${z}`, `+34${n}`, `+34 ${x}-${y}-${z}`];
  }
  if (e164.startsWith('+1')) {
    const n = e164.slice(2);
    const [area, exchange, line] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
    return [
      `+1 (${area}) ${exchange}-${line}`,
      `001 ${area} ${exchange} ${line}`,
      `+1 ${area}-${exchange}-${line}`,
      `+1.${area}.${exchange}.${line}`,
    ];
  }
  return [];
}

const COUNTRY_NAMES: Record<DemoContact['country'], string> = {
  AR: 'Argentina',
  ES: 'España',
  US: 'United States',
};

const DATABASE_NAMES: Record<number, string> = {
  10: 'Prospectos',
  20: 'Mora temprana',
  30: 'Clientes',
  31: 'Entrantes',
};

const isMobile = (e164: string | null) => !!e164 && (/^\+549/.test(e164) || /^\+34[67]/.test(e164));

/**
 * The dialer's demo contacts (libs/contact-center-db demoContacts) that the
 * org also holds: the first 70% of every dialer database, with the same
 * name, e-mail and phone numbers (in another format), so a demo call pops
 * an existing record. One in five becomes a Lead instead of a Contact.
 */
export function dialerDemoRecords(seed?: number, count?: number): DialerDemoRecord[] {
  const all = demoContacts(seed, count);
  return all
    .filter((c) => isInDemoOrg(c.index, all.length))
    .map((contact) => {
      const lead = Math.floor(contact.index / 4) % 5 === 4;
      const e164 = toE164(contact.phone, contact.country);
      const phone = crmFormat(contact.phone, contact.country, contact.index);
      const phone2 = contact.phone2 ? crmFormat(contact.phone2, contact.country, contact.index + 1) : null;
      const mobile = isMobile(e164);
      const origin = `Cliente del discador: Clave_1 ${contact.key}, base ${DATABASE_NAMES[contact.database] ?? contact.database}.`;
      const common = {
        FirstName: contact.firstName,
        LastName: contact.lastName,
        Email: contact.email,
        Description: origin,
        neoBaseId__c: String(contact.database),
        neoCrmId__c: String(contact.crm),
      };
      if (lead) {
        return {
          object: 'Lead' as const,
          contact,
          values: {
            ...common,
            Phone: mobile ? phone2 : phone,
            MobilePhone: mobile ? phone : null,
            City: contact.city,
            Country: COUNTRY_NAMES[contact.country],
            LeadSource: 'Purchased List',
          },
        };
      }
      return {
        object: 'Contact' as const,
        contact,
        values: {
          ...common,
          Phone: mobile ? null : phone,
          MobilePhone: mobile ? phone : null,
          HomePhone: phone2,
          MailingCity: contact.city,
          MailingCountry: COUNTRY_NAMES[contact.country],
          LeadSource: 'Phone Inquiry',
        },
      };
    });
}
