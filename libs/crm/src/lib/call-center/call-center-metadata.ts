import { XMLBuilder } from 'fast-xml-parser';
import { generateCallCenterXml, parseCallCenterXml } from './call-center-xml';

/** Where the Salesforce DX package keeps the Call Center (salesforce/force-app/main/default/…). */
export function callCenterMetadataPath(internalName = 'PuenteCTI'): string {
  return `callCenters/${internalName}.callCenter-meta.xml`;
}

/**
 * The same definition as `generateCallCenterXml`, in the Metadata API's
 * CallCenter shape (what `sf project deploy` reads from callCenters/):
 * the import file's sections and items, in their sortOrder, as
 * <sections><items>label/name/value. Built from the import XML, so the
 * deployable package and the file an administrator imports by hand can
 * never say different things.
 */
export function callCenterMetadataFrom(importXml: string): string {
  const { sections, errors } = parseCallCenterXml(importXml);
  if (errors.length > 0) throw new Error(`not a valid Call Center definition: ${errors[0].message}`);
  const general = sections.find((s) => s.name === 'reqGeneralInfo');
  const value = (name: string) => general?.items.find((i) => i.name === name)?.value ?? '';
  const builder = new XMLBuilder({ format: true, indentBy: '    ', suppressEmptyNode: false });
  const body = builder.build({
    CallCenter: {
      adapterUrl: value('reqAdapterUrl'),
      displayName: value('reqDisplayName'),
      displayNameLabel: 'Display Name',
      internalNameLabel: 'Internal Name',
      sections: [...sections]
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((s) => ({
          items: [...s.items]
            .sort((a, b) => a.sortOrder - b.sortOrder)
            .map((i) => ({ label: i.label, name: i.name, value: i.value })),
          label: s.label,
          name: s.name,
        })),
    },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.replace(
    '<CallCenter>',
    '<CallCenter xmlns="http://soap.sforce.com/2006/04/metadata">',
  )}`.trimEnd();
}

/** The package's CallCenter component with the catalogue's defaults and these "/section/item" overrides. */
export function generateCallCenterMetadata(overrides: Record<string, string> = {}): string {
  return `${callCenterMetadataFrom(generateCallCenterXml(overrides))}\n`;
}
