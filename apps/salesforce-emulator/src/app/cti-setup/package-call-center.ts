import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { XmlSection } from '@puente/crm';
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'sections' || name === 'items',
});

type Raw = { label?: string; name?: string; value?: string };

/**
 * The Call Center definition in the package's Metadata API shape
 * (force-app/main/default/callCenters/*.callCenter-meta.xml: <sections>
 * of <items> label/name/value, in order) as the sections an imported
 * definition has, sortOrder being the position: what the local org starts
 * with, as an org does once the package is deployed.
 */
export function callCenterFromMetadata(xml: string): XmlSection[] {
  const doc = parser.parse(xml) as {
    CallCenter?: { sections?: (Raw & { items?: Raw[] })[] };
  };
  if (!doc.CallCenter) throw new Error('not a CallCenter component');
  return (doc.CallCenter.sections ?? []).map((s, sortOrder) => ({
    name: s.name ?? '',
    label: s.label ?? '',
    sortOrder,
    items: (s.items ?? []).map((i, order) => ({
      name: i.name ?? '',
      label: i.label ?? '',
      sortOrder: order,
      value: typeof i.value === 'string' ? i.value : '',
    })),
  }));
}

/** The package's (first) Call Center, from salesforce/force-app/main/default/callCenters/. */
export function packageCallCenter(packageDir: string): XmlSection[] {
  const dir = join(packageDir, 'force-app', 'main', 'default', 'callCenters');
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.callCenter-meta.xml'))
    .sort()[0];
  if (!file) throw new Error(`${dir} holds no .callCenter-meta.xml`);
  return callCenterFromMetadata(readFileSync(join(dir, file), 'utf8'));
}
