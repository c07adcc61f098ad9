import { XMLParser } from 'fast-xml-parser';
import { field, type FieldDef, type FieldType } from '../field';

/** The CustomField elements the org models, as the Metadata API spells them. */
interface FieldMeta {
  fullName?: string;
  label?: string;
  type?: string;
  length?: string;
  precision?: string;
  scale?: string;
  required?: string;
  unique?: string;
  externalId?: string;
  caseSensitive?: string;
  defaultValue?: string;
}

/** Metadata API field types → describe's types. Others are refused, so a new field type is a conscious addition. */
const TYPES: Record<string, FieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Phone: 'phone',
  Email: 'email',
  Url: 'url',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
};

export const metadataXml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'value',
});

const flag = (v: string | undefined) => v === 'true';
const int = (v: string | undefined) => (v === undefined ? undefined : Number.parseInt(v, 10));

/** A field as describe shows it, read from a *.field-meta.xml of the package. */
export function readFieldMeta(xml: string, source: string): FieldDef {
  const meta = (metadataXml.parse(xml) as { CustomField?: FieldMeta }).CustomField;
  if (!meta?.fullName || !meta.type)
    throw new Error(`${source}: not a CustomField with a fullName and a type`);
  const type = TYPES[meta.type];
  if (!type) throw new Error(`${source}: field type ${meta.type} is not modelled by the emulator`);
  const required = flag(meta.required);
  return field(meta.fullName, type, {
    label: meta.label ?? meta.fullName,
    ...(meta.length !== undefined ? { length: int(meta.length) } : {}),
    ...(meta.precision !== undefined ? { precision: int(meta.precision) } : {}),
    ...(meta.scale !== undefined ? { scale: int(meta.scale) } : {}),
    nillable: type === 'boolean' ? false : !required,
    unique: flag(meta.unique),
    externalId: flag(meta.externalId),
    caseSensitive: flag(meta.caseSensitive),
    custom: true,
    ...(type === 'boolean' ? { defaultValue: flag(meta.defaultValue) } : {}),
  });
}
