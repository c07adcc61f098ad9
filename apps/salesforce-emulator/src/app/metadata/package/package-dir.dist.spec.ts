import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, ManagedProcess, waitForHttp } from '@puente/dev-stack';

const WORKSPACE = resolve(__dirname, '../../../../../..');
const DIST = join(WORKSPACE, 'dist/apps/salesforce-emulator');
const INPUTS = [join(WORKSPACE, 'apps/salesforce-emulator/src'), join(WORKSPACE, 'salesforce/force-app')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the emulator when its bundle is missing or older than its sources or the package (Nx caches it). */
function ensureBuilt(): void {
  const entry = join(DIST, 'main.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= Math.max(...INPUTS.map(newestMtime))) return;
  execFileSync('npx', ['nx', 'build', 'salesforce-emulator', '--output-style=static'], {
    cwd: WORKSPACE,
    stdio: 'ignore',
  });
}

/**
 * The image copies dist/apps/salesforce-emulator alone (docker/node-service.Dockerfile):
 * the built emulator must find the package beside main.js, with no repository around it.
 */
describe('the built emulator outside the repository (issue 17 §1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-dist-'));
  let emulator: ManagedProcess | undefined;
  const output: string[] = [];

  beforeAll(() => {
    ensureBuilt();
    cpSync(DIST, dir, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await emulator?.stop(2000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries salesforce/ beside main.js and builds its schema from it', async () => {
    expect(existsSync(join(dir, 'salesforce/force-app/main/default/objects/PhoneIndex__c'))).toBe(true);
    const port = await freePort();
    emulator = new ManagedProcess({
      name: 'salesforce-emulator',
      entry: join(dir, 'main.js'),
      cwd: dir,
      env: {
        // The image has its node_modules beside main.js; here the repository's stand in for them.
        NODE_PATH: join(WORKSPACE, 'node_modules'),
        SALESFORCE_EMULATOR_PORT: String(port),
        SALESFORCE_EMULATOR_HOST: '127.0.0.1',
        SALESFORCE_EMULATOR_PERSIST: 'false',
        SALESFORCE_EMULATOR_SEED_RECORDS: '0',
        LOG_LEVEL: 'warn',
      },
    });
    emulator.start((_stream, line) => output.push(line));
    const url = `http://127.0.0.1:${port}`;
    await Promise.race([
      waitForHttp(`${url}/health`, 30_000, 50),
      emulator.exited.then((code) => {
        throw new Error(`exited with code ${code}:\n${output.join('\n')}`);
      }),
    ]);
    const token = (await (
      await fetch(`${url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=puente-demo&client_secret=puente-demo-secret',
      })
    ).json()) as { access_token: string };
    const describe = (await (
      await fetch(`${url}/services/data/v62.0/sobjects/PhoneIndex__c/describe`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      })
    ).json()) as { fields: { name: string }[] };
    expect(describe.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'E164__c',
        'ReversedDigits__c',
        'RecordId__c',
        'ObjectType__c',
        'FieldName__c',
      ]),
    );
  }, 60_000);
});
