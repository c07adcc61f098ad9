import { type DmlContext, DmlService } from '../dml/dml.service';
import { PhoneIndexTrigger } from '../dml/phone-index.trigger';
import { Catalogue } from '../metadata/catalogue';
import type { SObjectRecord } from '../metadata/object';
import type { QueryEnv } from '../soql/query-env';
import { RecordStore } from '../store/record-store';

/** Wednesday 15 May 2024, 12:00 UTC: "now" for every test org. */
export const TEST_NOW = Date.UTC(2024, 4, 15, 12);

/** A small org for unit tests: one user, and helpers to add records as that user at a given time. */
export function createTestOrg() {
  const catalogue = new Catalogue();
  const store = new RecordStore(catalogue);
  const dml = new DmlService(catalogue, store, [new PhoneIndexTrigger(store, 'AR')]);
  const boot: DmlContext = { userId: '005Pu0000000001AAA', now: TEST_NOW };
  const user = dml.create(
    dml.typeOf('User'),
    {
      Username: 'agent1@puente.demo',
      FirstName: 'Lucía',
      LastName: 'Fernández',
      Alias: 'lfern',
      Email: 'agent1@puente.demo',
      TimeZoneSidKey: 'GMT',
      LocaleSidKey: 'es_AR',
      LanguageLocaleKey: 'es',
    },
    boot,
  );
  const userId = user['Id'] as string;
  const env: QueryEnv = { catalogue, store, userId, timeZone: 'GMT', now: TEST_NOW, version: '62.0' };
  const insert = (objectName: string, values: Record<string, unknown>, now = TEST_NOW): SObjectRecord =>
    dml.create(dml.typeOf(objectName), values, { userId, now });
  return { catalogue, store, dml, env, userId, insert };
}
