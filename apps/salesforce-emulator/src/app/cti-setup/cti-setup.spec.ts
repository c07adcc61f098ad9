import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SoftphoneLayoutSchema } from '@puente/contracts';
import { flattenCallCenter, generateCallCenterXml, popLayoutsFrom } from '@puente/crm';
import { startTestEmulator, type TestEmulator } from '../testing/emulator-app';
import { findPackageDir } from '../metadata/package/package-dir';
import { packageCallCenter } from './package-call-center';

const CONSOLE = '/lightning/console/api';

describe("the local org's Call Center and Softphone Layout, as Open CTI gives them (issue 17 §2)", () => {
  let emulator: TestEmulator;
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-cti-'));
  const json = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${emulator.url}${CONSOLE}${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json' },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const start = () =>
    startTestEmulator({
      SALESFORCE_EMULATOR_PERSIST: true,
      PUENTE_DATA_DIR: dataDir,
      SALESFORCE_EMULATOR_SEED_RECORDS: 10,
    });

  beforeAll(async () => {
    emulator = await start();
  });
  afterAll(() => emulator.close());

  it("starts from the package's Call Center, flattened exactly as getCallCenterSettings does", async () => {
    const { body } = await json('/opencti/call-center-settings');
    // The package's CallCenter component holds the catalogue's defaults: the same flat map as the import file's.
    expect(body).toEqual(flattenCallCenter(generateCallCenterXml()));
    expect(body['/reqGeneralInfo/reqAdapterUrl']).toBe('https://puente.example.com/panel/');
    expect(body['/neotelConfigOptions/searchTypePriority']).toBe('');
    expect(body['/reqGeneralInfo/reqAdapterUrl/sortOrder']).toBe('2.0');
    expect(packageCallCenter(findPackageDir()).map((s) => s.name)).toEqual([
      'reqGeneralInfo',
      'neotelConfigOptions',
      'puenteOptions',
    ]);
  });

  it('answers the default Softphone Layout in the shape of getSoftphoneLayout', async () => {
    const { body } = await json('/opencti/softphone-layout');
    expect(Object.keys(body).sort()).toEqual(['Inbound', 'Internal', 'Outbound']);
    expect(SoftphoneLayoutSchema.parse(body)).toEqual(body);
    expect(body['Inbound']).toMatchObject({
      callRelatedFields: expect.arrayContaining(['ANI', 'DNIS']),
      objects: { Contact: expect.any(Array) },
      screenPopSettings: {
        NoMatch: { screenPopType: 'PopToEntity', screenPopData: 'Contact' },
        SingleMatch: { screenPopType: 'PopToEntity' },
        MultipleMatches: { screenPopType: 'PopToSearch' },
      },
    });
  });

  it('lets the setup page edit both, keeps them across a restart, and refuses what is not there', async () => {
    expect(
      (
        await json('/setup/call-center', {
          method: 'PUT',
          body: JSON.stringify({ '/neotelConfigOptions/searchTypePriority': 'Account|Contact' }),
        })
      ).status,
    ).toBe(200);
    const layout = SoftphoneLayoutSchema.parse((await json('/opencti/softphone-layout')).body);
    delete layout.Outbound.screenPopSettings.SingleMatch;
    expect(
      (await json('/setup/softphone-layout', { method: 'PUT', body: JSON.stringify(layout) })).status,
    ).toBe(200);

    const refused = await json('/setup/call-center', {
      method: 'PUT',
      body: JSON.stringify({ '/neotelConfigOptions/noSuchItem': 'x' }),
    });
    expect(refused).toEqual({ status: 400, body: { message: expect.stringContaining('noSuchItem') } });
    expect(
      (await json('/setup/softphone-layout', { method: 'PUT', body: JSON.stringify({ Inbound: 1 }) })).status,
    ).toBe(400);

    await emulator.close();
    emulator = await start();
    expect(
      (await json('/opencti/call-center-settings')).body['/neotelConfigOptions/searchTypePriority'],
    ).toBe('Account|Contact');
    const after = SoftphoneLayoutSchema.parse((await json('/opencti/softphone-layout')).body);
    expect(popLayoutsFrom(after).layouts.outbound.singleMatch).toBe('none');
    expect(JSON.parse(readFileSync(join(dataDir, 'salesforce', 'cti-setup.json'), 'utf8'))).toHaveProperty(
      'softphoneLayout',
    );
  });

  it("opens the console's softphone at the Call Center's size, read again at each page load", async () => {
    const size = async () => {
      const html = await (await fetch(`${emulator.url}/lightning/console`)).text();
      const config = /<script id="console-config" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
      return (JSON.parse(config ?? '{}') as { softphone?: unknown }).softphone;
    };
    // Seed 004's definition: 620 wide × 420 high.
    expect(await size()).toEqual({ width: 620, height: 420 });
    const edit = (width: string, height: string) =>
      json('/setup/call-center', {
        method: 'PUT',
        body: JSON.stringify({
          '/reqGeneralInfo/reqSoftphoneWidth': width,
          '/reqGeneralInfo/reqSoftphoneHeight': height,
        }),
      });
    expect((await edit('700', '500')).status).toBe(200);
    expect(await size()).toEqual({ width: 700, height: 500 });
    // Values Salesforce would not take leave the definition's defaults in force.
    expect((await edit('wide', '9999')).status).toBe(200);
    expect(await size()).toEqual({ width: 620, height: 420 });
    await edit('620', '420');
  });
});
