/**
 * CLAVESF, the key CONTACTO_INSERT_SALESFORCE returns (SPEC D1): the dialer's
 * contact id and the search data, as "idContacto-Data". With empty data the
 * result is "idContacto-": the panel then runs no search and follows the
 * softphone layout's no-match rule.
 */
export interface ClaveSf {
  contactId: string;
  data: string;
}

export function formatClaveSf({ contactId, data }: ClaveSf): string {
  if (!/^\d+$/.test(contactId))
    throw new Error(`contact id must be numeric, got ${JSON.stringify(contactId)}`);
  return `${contactId}-${data}`;
}

/** Splits at the first dash only: the data itself may contain dashes (e.g. a formatted phone). */
export function parseClaveSf(value: string): ClaveSf | null {
  const match = /^(\d+)-(.*)$/s.exec(value);
  return match ? { contactId: match[1], data: match[2] } : null;
}

/** False for "idContacto-": nothing to search Salesforce by. */
export function isSearchable(clave: ClaveSf): boolean {
  return clave.data.trim() !== '';
}
