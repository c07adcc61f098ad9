import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldDef } from '../field';
import { metadataXml, readFieldMeta } from './field-meta';

/** A custom object of the package: what its *.object-meta.xml says. */
export interface CustomObjectMeta {
  name: string;
  label: string;
  pluralLabel: string;
  searchable: boolean;
  nameField: { label: string; autoNumberFormat: string | null };
}

/** What the package adds to an org: fields per object (standard or custom), and its custom objects. */
export interface PackageSchema {
  dir: string;
  fields: ReadonlyMap<string, readonly FieldDef[]>;
  objects: readonly CustomObjectMeta[];
}

interface ObjectMetaXml {
  CustomObject?: {
    label?: string;
    pluralLabel?: string;
    enableSearch?: string;
    nameField?: { label?: string; type?: string; displayFormat?: string };
  };
}

function readObjectMeta(name: string, file: string): CustomObjectMeta {
  const meta = (metadataXml.parse(readFileSync(file, 'utf8')) as ObjectMetaXml).CustomObject;
  if (!meta?.label) throw new Error(`${file}: not a CustomObject with a label`);
  return {
    name,
    label: meta.label,
    pluralLabel: meta.pluralLabel ?? meta.label,
    searchable: meta.enableSearch === 'true',
    nameField: {
      label: meta.nameField?.label ?? `${meta.label} Name`,
      autoNumberFormat: meta.nameField?.type === 'AutoNumber' ? (meta.nameField.displayFormat ?? null) : null,
    },
  };
}

/**
 * Reads the objects folder of the DX package (force-app/main/default/objects):
 * objects/<Object>/fields/<Field>.field-meta.xml and, for custom objects,
 * objects/<Object>/<Object>.object-meta.xml. fast-xml-parser (already a
 * dependency) reads them; the format is the Metadata API's, element per property.
 */
export function readPackageSchema(dir: string): PackageSchema {
  const objectsDir = join(dir, 'force-app', 'main', 'default', 'objects');
  const fields = new Map<string, FieldDef[]>();
  const objects: CustomObjectMeta[] = [];
  for (const name of readdirSync(objectsDir).sort()) {
    const objectMeta = join(objectsDir, name, `${name}.object-meta.xml`);
    if (existsSync(objectMeta)) objects.push(readObjectMeta(name, objectMeta));
    const fieldsDir = join(objectsDir, name, 'fields');
    if (!existsSync(fieldsDir)) continue;
    fields.set(
      name,
      readdirSync(fieldsDir)
        .filter((f) => f.endsWith('.field-meta.xml'))
        .sort()
        .map((f) => readFieldMeta(readFileSync(join(fieldsDir, f), 'utf8'), join(fieldsDir, f))),
    );
  }
  return { dir, fields, objects };
}
