import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { callCenterMetadataPath, generateCallCenterMetadata } from '@puente/crm';
import { apexSources, apexSyntaxErrors, FORCE_APP, withoutComments } from './apex-sources';

const PACKAGE_ROOT = join(__dirname, '..');
const NEO_FIELDS = ['neoBaseId__c', 'neoContactId__c', 'neoCrmId__c', 'neoSyncId__c'];

/** The offline checks of the Salesforce DX package (issue 17 §1): what `npm test` can prove without an org. */
describe('the Salesforce DX package (issue 17 §1)', () => {
  const components = ComponentSet.fromSource(join(PACKAGE_ROOT, 'force-app'));
  const names = (type: string) =>
    components
      .getSourceComponents()
      .toArray()
      // A custom object's fields are its children; standard objects' fields stand alone.
      .flatMap((c) => [c, ...c.getChildren()])
      .filter((c) => c.type.name === type)
      .map((c) => c.fullName)
      .sort();

  it('converts to a Metadata API package (source-deploy-retrieve, no org)', async () => {
    const result = await new MetadataConverter().convert(components, 'metadata', { type: 'zip' });
    expect(result.zipBuffer?.length ?? 0).toBeGreaterThan(0);
    const packageXml = await components.getPackageXml();
    for (const type of [
      'ApexClass',
      'ApexTrigger',
      'CallCenter',
      'CustomField',
      'CustomObject',
      'PermissionSet',
    ])
      expect(packageXml).toContain(`<name>${type}</name>`);
  });

  it('puts the neo* fields on Contact, Account, Lead and Opportunity, neoSyncId__c a unique Number(18,0) external id', () => {
    const fields = names('CustomField');
    for (const object of ['Account', 'Contact', 'Lead', 'Opportunity'])
      for (const field of NEO_FIELDS) expect(fields).toContain(`${object}.${field}`);
    const sync = readFileSync(join(FORCE_APP, 'objects/Contact/fields/neoSyncId__c.field-meta.xml'), 'utf8');
    for (const tag of [
      '<type>Number</type>',
      '<precision>18</precision>',
      '<scale>0</scale>',
      '<externalId>true</externalId>',
      '<unique>true</unique>',
    ])
      expect(sync).toContain(tag);
  });

  it('defines PhoneIndex__c with the fields the gateway queries, its triggers and permission sets', () => {
    expect(names('CustomObject')).toEqual(['PhoneIndex__c']);
    expect(names('CustomField').filter((f) => f.startsWith('PhoneIndex__c.'))).toEqual([
      'PhoneIndex__c.E164__c',
      'PhoneIndex__c.FieldName__c',
      'PhoneIndex__c.ObjectType__c',
      'PhoneIndex__c.RecordId__c',
      'PhoneIndex__c.ReversedDigits__c',
    ]);
    expect(names('ApexTrigger')).toEqual(['AccountPhoneIndex', 'ContactPhoneIndex', 'LeadPhoneIndex']);
    expect(names('PermissionSet')).toEqual(['Puente_Agent', 'Puente_Integration']);
  });

  it('parses every Apex file with apex-parser without a syntax error', () => {
    const sources = apexSources();
    expect(sources.length).toBeGreaterThanOrEqual(9);
    const errors = Object.fromEntries(sources.map((s) => [s.name, apexSyntaxErrors(s)]));
    expect(errors).toEqual(Object.fromEntries(sources.map((s) => [s.name, []])));
  });

  it('names each class in the code of some @isTest class, and each trigger in one', () => {
    const sources = apexSources();
    const tests = sources.filter((s) => s.isTest);
    const untested = sources
      .filter((s) => !s.isTest)
      .filter((s) => {
        const word = new RegExp(`\\b${s.name}\\b`);
        // A class must be called from test code; a trigger fires on DML, so its test names it in its description.
        return !tests.some((t) => word.test(s.kind === 'class' ? withoutComments(t.text) : t.text));
      })
      .map((s) => s.name);
    expect(untested).toEqual([]);
  });

  it('holds the Call Center the generator produces (npm run callcenter -- generate --metadata)', () => {
    const committed = readFileSync(join(FORCE_APP, callCenterMetadataPath()), 'utf8');
    expect(committed).toBe(generateCallCenterMetadata());
  });

  it('keeps the connected app template out of the deployed source and valid as metadata', () => {
    expect(names('ConnectedApp')).toEqual([]);
    const template = ComponentSet.fromSource(join(PACKAGE_ROOT, 'templates'));
    expect(
      template
        .getSourceComponents()
        .toArray()
        .map((c) => `${c.type.name}:${c.fullName}`),
    ).toEqual(['ConnectedApp:Puente_Gateway']);
  });
});
