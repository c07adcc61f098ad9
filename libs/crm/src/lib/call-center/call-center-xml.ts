import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { ITEMS, SECTIONS } from './catalogue';
import { flattenSections } from './call-center-flat';
import type { CallCenterSettings } from './settings';

export interface XmlItem {
  name: string;
  label: string;
  sortOrder: number;
  value: string;
}

export interface XmlSection {
  name: string;
  label: string;
  sortOrder: number;
  items: XmlItem[];
}

/** A problem in a definition, located Open CTI-style (e.g. "/neotelConfigOptions/externalData"). */
export interface CallCenterIssue {
  path: string;
  message: string;
}

export type ReadResult =
  { ok: true; settings: CallCenterSettings } | { ok: false; errors: CallCenterIssue[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'section' || name === 'item',
});

type RawNode = { name?: string; label?: string; sortOrder?: string; '#text'?: string; item?: RawNode[] };

/** Reads the structure of a <callCenter> document, checking what Salesforce checks on import. */
export function parseCallCenterXml(xml: string): { sections: XmlSection[]; errors: CallCenterIssue[] } {
  const errors: CallCenterIssue[] = [];
  let doc: { callCenter?: { section?: RawNode[] } };
  try {
    doc = parser.parse(xml, true) as typeof doc;
  } catch (error) {
    return {
      sections: [],
      errors: [{ path: '/', message: `not well-formed XML: ${(error as Error).message}` }],
    };
  }
  if (!doc.callCenter)
    return { sections: [], errors: [{ path: '/', message: 'the root element must be <callCenter>' }] };
  const sections: XmlSection[] = [];
  for (const raw of doc.callCenter.section ?? []) {
    const name = raw.name ?? '';
    const path = `/${name}`;
    if (!/^[A-Za-z0-9]{1,40}$/.test(name))
      errors.push({ path, message: 'section names are 1-40 letters or digits' });
    if (name.startsWith('req') && name !== 'reqGeneralInfo')
      errors.push({ path, message: 'the "req" prefix is reserved' });
    const items = (raw.item ?? []).map((i) => ({
      name: i.name ?? '',
      label: i.label ?? '',
      sortOrder: Number(i.sortOrder),
      value: typeof i['#text'] === 'string' ? i['#text'] : '',
    }));
    for (const i of items) {
      if (!/^[A-Za-z0-9]{1,40}$/.test(i.name))
        errors.push({ path: `${path}/${i.name}`, message: 'item names are 1-40 letters or digits' });
      if (i.name.startsWith('req') && name !== 'reqGeneralInfo')
        errors.push({ path: `${path}/${i.name}`, message: 'the "req" prefix is reserved' });
    }
    checkSortOrders(
      items.map((i) => i.sortOrder),
      path,
      errors,
    );
    sections.push({ name, label: raw.label ?? '', sortOrder: Number(raw.sortOrder), items });
  }
  checkSortOrders(
    sections.map((s) => s.sortOrder),
    '',
    errors,
  );
  if (!sections.some((s) => s.name === 'reqGeneralInfo'))
    errors.push({ path: '/reqGeneralInfo', message: 'the required section is missing' });
  return { sections, errors };
}

function checkSortOrders(orders: number[], path: string, errors: CallCenterIssue[]): void {
  const sorted = [...orders].sort((a, b) => a - b);
  if (sorted.some((o, i) => !Number.isInteger(o) || o !== i)) {
    errors.push({
      path: path || '/',
      message: `sortOrder values must be 0, 1, 2… without gaps (got ${orders.join(', ')})`,
    });
  }
}

function emptySettings(): CallCenterSettings {
  return {
    general: {
      internalName: '',
      displayName: '',
      adapterUrl: '',
      useApi: true,
      softphoneHeight: 420,
      softphoneWidth: 620,
      compatibilityMode: 'Lightning',
    },
    searchTypePriority: [],
    externalData: [],
    defaultNewRowData: [],
    allowCategorization: true,
    allowClickToDialSearch: true,
    useTaskDescriptionField: true,
    allowContactRelease: true,
    automaticContactRelease: -1,
    saveActivityLog: true,
    allowTextMessage: false,
    campaignEntityName: null,
    puente: {
      keyFields: [],
      phoneMatch: { mode: 'lastDigits', digits: 7 },
      defaultCountry: 'AR',
      searchTiming: 'auto',
      skipInternalCalls: true,
      triggerNumbers: [],
      anonymousLabel: '',
      noMatchName: '',
      multipleMatchName: '',
      unknownCaller: { create: 'none', company: '' },
      displayFields: { Contact: ['Name'], Account: ['Name'], Lead: ['Name'], Opportunity: ['Name'] },
      layouts: {
        inbound: { noMatch: { action: 'none' }, singleMatch: 'open', multipleMatches: 'search' },
        outbound: { noMatch: { action: 'none' }, singleMatch: 'open', multipleMatches: 'search' },
        internal: { noMatch: { action: 'none' }, singleMatch: 'none', multipleMatches: 'none' },
      },
      templates: {
        subject: '',
        inboundAnswered: '',
        inboundMissed: '',
        outboundAnswered: '',
        outboundUnanswered: '',
      },
      recordingUrl: null,
    },
  };
}

/**
 * The typed settings of a Call Center definition (C7). Items Puente does not
 * know are kept by Salesforce and ignored here; known items that are absent
 * take their defaults, except the required reqGeneralInfo ones.
 */
export function readCallCenterSettings(xml: string): ReadResult {
  const { sections, errors } = parseCallCenterXml(xml);
  const values = new Map<string, string>();
  for (const s of sections) for (const i of s.items) values.set(`/${s.name}/${i.name}`, i.value);
  const settings = emptySettings();
  for (const spec of ITEMS) {
    const path = `/${spec.section}/${spec.name}`;
    const raw = values.get(path);
    if (raw === undefined && spec.required) {
      errors.push({ path, message: 'is required' });
      continue;
    }
    const parsed = spec.parse(raw ?? spec.defaultValue);
    if (parsed.ok) spec.apply(settings, parsed.value);
    else errors.push({ path, message: parsed.error });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** The XML to import into Salesforce, seed 004's layout, with overrides by "/section/item" path. */
export function generateCallCenterXml(overrides: Record<string, string> = {}): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: '#text',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: false,
  });
  const section = SECTIONS.map((s, sortOrder) => ({
    sortOrder: String(sortOrder),
    name: s.name,
    label: s.label,
    item: ITEMS.filter((i) => i.section === s.name).map((i, order) => ({
      sortOrder: String(order),
      name: i.name,
      label: i.label,
      '#text': overrides[`/${i.section}/${i.name}`] ?? i.defaultValue,
    })),
  }));
  return `${builder.build({ callCenter: { section } }) as string}`.trimEnd() + '\n';
}

/** getCallCenterSettings' flat map of an import file (see call-center-flat.ts for the shape). */
export function flattenCallCenter(xml: string): Record<string, string> {
  return flattenSections(parseCallCenterXml(xml).sections);
}
