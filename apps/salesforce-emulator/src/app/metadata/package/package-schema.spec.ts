import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDEXED_PHONE_FIELDS } from '../../dml/phone-index.trigger';
import { Catalogue, orgObjects, packageSchema } from '../catalogue';
import { findPackageDir } from './package-dir';
import { readPackageSchema } from './package-schema';

const DIR = findPackageDir();
const OBJECTS = join(DIR, 'force-app', 'main', 'default', 'objects');
const HANDLER = join(DIR, 'force-app', 'main', 'default', 'classes', 'PhoneIndexService.cls');

/** Field files of the package per object: what an administrator deploys. */
function packageFields(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const object of readdirSync(OBJECTS)) {
    out[object] = readdirSync(join(OBJECTS, object, 'fields'))
      .map((f) => f.replace('.field-meta.xml', ''))
      .sort();
  }
  return out;
}

/** The Apex handler's PHONE_FIELDS map, read from its source: Object => [Object.Field, …]. */
function apexPhoneFields(): Record<string, string[]> {
  const source = readFileSync(HANDLER, 'utf8');
  const start = source.indexOf('PHONE_FIELDS');
  const body = source.slice(start, source.indexOf('};', start));
  const out: Record<string, string[]> = {};
  for (const [, object, fields] of body.matchAll(
    /(\w+)\.SObjectType\s*=>\s*new List<SObjectField>\{([^}]*)\}/g,
  )) {
    out[object] = [...fields.matchAll(/(\w+)\.(\w+)/g)].map(([, owner, name]) => {
      expect(owner).toBe(object);
      return name;
    });
  }
  return out;
}

describe("the org's schema comes from salesforce/force-app (issue 17 §1)", () => {
  const catalogue = new Catalogue();

  it('has exactly the custom fields the package deploys, on the objects it deploys them to', () => {
    const inOrg: Record<string, string[]> = {};
    for (const type of catalogue.objects) {
      const custom = type.fields.filter((f) => f.custom).map((f) => f.name);
      if (custom.length > 0) inOrg[type.name] = custom.sort();
    }
    expect(inOrg).toEqual(packageFields());
  });

  it('reads types, lengths and flags from the field files', () => {
    const contact = catalogue.find('Contact');
    expect(contact?.field('neoSyncId__c')).toMatchObject({
      type: 'double',
      precision: 18,
      scale: 0,
      externalId: true,
      unique: true,
      custom: true,
      nillable: true,
    });
    expect(contact?.field('neoContactId__c')).toMatchObject({ type: 'string', length: 64 });
    const index = catalogue.find('PhoneIndex__c');
    expect(index?.def).toMatchObject({
      custom: true,
      searchable: false,
      keyPrefix: 'a0P',
      autoNumberFormat: 'PI-{0000000}',
    });
    expect(index?.field('Name')).toMatchObject({ autoNumber: true, createable: false, nameField: true });
    expect(index?.field('ReversedDigits__c')).toMatchObject({ type: 'string', length: 32, externalId: true });
  });

  it("indexes, in the emulator's stand-in trigger, the same phone fields as the Apex handler", () => {
    expect(apexPhoneFields()).toEqual(INDEXED_PHONE_FIELDS);
    for (const [object, fields] of Object.entries(INDEXED_PHONE_FIELDS))
      for (const name of fields) expect(catalogue.find(object)?.field(name)?.type).toBe('phone');
  });

  it('boots without PhoneIndex__c when asked, keeping the other fields (SALESFORCE_EMULATOR_PHONE_INDEX=false)', () => {
    const bare = new Catalogue(orgObjects(packageSchema(), { phoneIndex: false }));
    expect(bare.find('PhoneIndex__c')).toBeUndefined();
    expect(bare.find('Lead')?.field('neoSyncId__c')).toBeDefined();
  });

  describe('a package it cannot model', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'sf-package-'));
      mkdirSync(join(dir, 'force-app/main/default/objects/Contact/fields'), { recursive: true });
      writeFileSync(join(dir, 'sfdx-project.json'), '{}');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is refused at boot with the file and the reason', () => {
      writeFileSync(
        join(dir, 'force-app/main/default/objects/Contact/fields/Geo__c.field-meta.xml'),
        '<CustomField><fullName>Geo__c</fullName><label>Geo</label><type>Location</type></CustomField>',
      );
      expect(() => readPackageSchema(dir)).toThrow(
        /Geo__c\.field-meta\.xml: field type Location is not modelled/,
      );
    });

    it('is refused when the folder is not a DX project', () => {
      expect(() => findPackageDir(join(dir, 'force-app'))).toThrow(/holds no sfdx-project\.json/);
    });
  });
});
