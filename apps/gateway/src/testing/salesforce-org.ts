import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, ManagedProcess, waitForHttp } from '@puente/dev-stack';
import { Connection, OAuth2 } from 'jsforce';

const WORKSPACE = resolve(__dirname, '../../../..');
const ENTRY = join(WORKSPACE, 'dist/apps/salesforce-emulator/main.js');
// The emulator's code and the Salesforce package its schema is read from (issue 17 §1).
const SOURCES = [join(WORKSPACE, 'apps/salesforce-emulator/src'), join(WORKSPACE, 'salesforce/force-app')];

/** The emulator's demo connected app and users (docs/salesforce-emulator.md). */
export const SF_DEMO = {
  clientId: 'puente-demo',
  clientSecret: 'puente-demo-secret',
  integrationUser: 'integration@puente.demo',
  agentEmail: 'agent1@puente.demo',
} as const;

/** Fault settings of `/__emulator/faults` (docs/salesforce-emulator.md, "Fault injection"). */
export interface EmulatorFaults {
  latencyMs?: number;
  errorRate?: number;
  failNextCalls?: number;
  unauthorizedRate?: number;
  unauthorizedNextCalls?: number;
  requestLimitExceeded?: boolean;
  requestLimitAfterCalls?: number | null;
  soslLagMs?: number;
}

type Row = Record<string, unknown> & { Id: string };

/** What the org was asked (`/__emulator/requests`), refused requests included. */
export interface OrgRequestCounts {
  token: { requests: number; refused: number; inFlight: number; maxInFlight: number };
  api: { requests: number; unauthorized: number; failed: number };
}

/** One API call the org served (`/__emulator/api-events`, docs/salesforce-emulator.md). */
export interface OrgApiEvent {
  seq: number;
  username: string;
  method: string;
  uri: string;
  query: string | null;
  queriedEntities: string[];
  statusCode: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The gateway may not import another app (module boundaries), so the tests
 * run the emulator the way production runs it: its built bundle in a child
 * process. A missing or stale bundle is rebuilt first (Nx caches it).
 */
function ensureBuilt(): void {
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= Math.max(...SOURCES.map(newestMtime))) return;
  execFileSync('npx', ['nx', 'build', 'salesforce-emulator', '--output-style=static'], {
    cwd: WORKSPACE,
    stdio: 'ignore',
  });
}

/**
 * The real local Salesforce org (apps/salesforce-emulator) on an ephemeral
 * port, in memory, with a small deterministic seed and SOSL without lag, plus
 * an operator's handle on its faults and a jsforce client to check what the
 * gateway wrote.
 */
export class SalesforceOrg {
  url = '';
  private readonly process: ManagedProcess;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'sf-org-'));
  private readonly output: string[] = [];
  private client: Connection | undefined;

  constructor(private readonly env: Record<string, string> = {}) {
    this.process = new ManagedProcess({ name: 'salesforce-emulator', entry: ENTRY, cwd: WORKSPACE, env: {} });
  }

  async start(): Promise<this> {
    ensureBuilt();
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    Object.assign(this.process.spec.env, {
      SALESFORCE_EMULATOR_PORT: String(port),
      SALESFORCE_EMULATOR_HOST: '127.0.0.1',
      SALESFORCE_EMULATOR_PERSIST: 'false',
      SALESFORCE_EMULATOR_SEED_RECORDS: '300',
      SALESFORCE_EMULATOR_SOSL_LAG_MS: '0',
      PUENTE_DATA_DIR: this.dataDir,
      LOG_LEVEL: 'warn',
      ...this.env,
    });
    this.process.start((_stream, line) => this.output.push(line));
    try {
      await Promise.race([
        waitForHttp(`${this.url}/health`, 30_000, 50),
        this.process.exited.then((code) => {
          throw new Error(`exited with code ${code}`);
        }),
      ]);
    } catch (error) {
      throw new Error(
        `the Salesforce emulator did not start: ${(error as Error).message}\n${this.output.join('\n')}`,
      );
    }
    return this;
  }

  async stop(): Promise<void> {
    await this.process.stop(2000);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Changes the named fault settings (PATCH), or resets them all first (`replace`). */
  async faults(settings: EmulatorFaults, replace = false): Promise<void> {
    await this.operator(replace ? 'PUT' : 'PATCH', '/__emulator/faults', settings);
  }

  async clearFaults(): Promise<void> {
    await this.operator('DELETE', '/__emulator/faults');
  }

  /** Ends every access token, as a session time-out or an admin's revoke does. */
  async expireSessions(): Promise<void> {
    await this.operator('POST', '/__emulator/sessions/expire');
  }

  async status(): Promise<{ apiUsage: { used: number }; activeSessions: number }> {
    const res = await fetch(`${this.url}/__emulator`);
    return (await res.json()) as { apiUsage: { used: number }; activeSessions: number };
  }

  /** Token and API requests the org has answered since the last reset, refused ones included. */
  async requests(): Promise<OrgRequestCounts> {
    const res = await fetch(`${this.url}/__emulator/requests`);
    return (await res.json()) as OrgRequestCounts;
  }

  /** Starts counting requests again (say, when a fault begins). */
  async resetRequests(): Promise<void> {
    await this.operator('DELETE', '/__emulator/requests');
  }

  /** The org's API event log after `after` (a `last` read before): what really reached Salesforce. */
  async apiEvents(after = 0): Promise<{ last: number; events: OrgApiEvent[] }> {
    const res = await fetch(`${this.url}/__emulator/api-events?after=${after}`);
    if (!res.ok) throw new Error(`GET /__emulator/api-events: ${res.status} ${await res.text()}`);
    return (await res.json()) as { last: number; events: OrgApiEvent[] };
  }

  /** A jsforce client of the test's own (client credentials), to read and seed records. */
  async conn(): Promise<Connection> {
    if (!this.client) {
      const client: Connection = new Connection({
        oauth2: new OAuth2({
          clientId: SF_DEMO.clientId,
          clientSecret: SF_DEMO.clientSecret,
          loginUrl: this.url,
        }),
        loginUrl: this.url,
        version: '62.0',
        refreshFn: (c, callback) => {
          c.oauth2
            .requestToken({ grant_type: 'client_credentials' })
            .then((res) => callback(null, res.access_token, res))
            .catch((error: Error) => callback(error));
        },
      });
      await client.authorize({ grant_type: 'client_credentials' });
      this.client = client;
    }
    return this.client;
  }

  async query(soql: string): Promise<Row[]> {
    return (await (await this.conn()).query<Row>(soql)).records;
  }

  async create(objectType: string, values: Record<string, unknown>): Promise<string> {
    const result = await (await this.conn()).sobject(objectType).create(values);
    if (!result.success || !result.id) throw new Error(`create ${objectType} failed`);
    return result.id;
  }

  private async operator(method: string, path: string, body?: unknown): Promise<void> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  }
}
