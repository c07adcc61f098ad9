import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toE164 } from '@puente/phone';
import type { Logger } from 'pino';
import { loadPublicKey } from '../auth/jwt-bearer';
import { OAuthService } from '../auth/oauth.service';
import { SessionStore } from '../auth/session-store';
import { type DmlContext, DmlService } from '../dml/dml.service';
import { type PhoneCountry, PhoneIndexTrigger } from '../dml/phone-index.trigger';
import { ApiUsage } from '../faults/api-usage';
import { FaultInjector } from '../faults/fault-injector';
import { RequestCounters } from '../faults/request-counters';
import { mintId } from '../ids/sf-id';
import { ApiEventLog } from '../monitoring/api-events';
import { CtiSetup, seededCtiSetup } from '../cti-setup/cti-setup';
import { packageCallCenter } from '../cti-setup/package-call-center';
import { Catalogue, orgObjects, packageSchema } from '../metadata/catalogue';
import { findPackageDir } from '../metadata/package/package-dir';
import type { SObjectRecord } from '../metadata/object';
import { QueryCursors } from '../rest/query-cursors';
import type { SalesforceEmulatorConfig } from '../salesforce-emulator.config';
import { seededRandom } from '../seed/random';
import { OrgSeeder, type SeedSummary } from '../seed/seeder';
import type { QueryEnv } from '../soql/query-env';
import { SearchIndex } from '../sosl/search-index';
import { FORMAT_VERSION, OrgPersistence } from '../store/persistence';
import { RecordStore } from '../store/record-store';

export const ORG_ID = mintId('00D', 1);

function phoneCountry(code: string): PhoneCountry {
  try {
    toE164('+541145551234', code as PhoneCountry);
  } catch {
    throw new Error(`SALESFORCE_EMULATOR_PHONE_COUNTRY: ${code} is not a country libphonenumber knows`);
  }
  return code as PhoneCountry;
}

function jwtKey(setting: string) {
  if (setting === 'none') return null;
  try {
    return loadPublicKey(readFileSync(resolve(setting), 'utf8'));
  } catch (error) {
    throw new Error(
      `SALESFORCE_EMULATOR_JWT_PUBLIC_KEY: cannot read a public key or certificate from ${setting} (${(error as Error).message})`,
    );
  }
}

/**
 * The local org: schema, records, automation, search index, sessions,
 * faults and limits, wired together once. The HTTP layer only translates
 * requests into calls on these parts.
 */
export class SalesforceOrg {
  readonly orgId = ORG_ID;
  readonly catalogue: Catalogue;
  readonly store: RecordStore;
  readonly dml: DmlService;
  readonly search: SearchIndex;
  readonly sessions: SessionStore;
  readonly oauth: OAuthService;
  readonly faults: FaultInjector;
  readonly usage: ApiUsage;
  readonly requests: RequestCounters;
  readonly apiEvents: ApiEventLog;
  readonly cursors: QueryCursors;
  readonly persistence: OrgPersistence | null;
  /** The Call Center and Softphone Layout an administrator sets for Open CTI (issue 17 §2). */
  readonly ctiSetup: CtiSetup;
  private seedSummary: SeedSummary | null = null;

  constructor(
    readonly config: SalesforceEmulatorConfig,
    private readonly logger: Logger,
    readonly clock: () => number = Date.now,
  ) {
    const phoneIndex = config.SALESFORCE_EMULATOR_PHONE_INDEX;
    this.catalogue = new Catalogue(
      orgObjects(packageSchema(config.SALESFORCE_EMULATOR_PACKAGE_DIR), { phoneIndex }),
    );
    this.store = new RecordStore(this.catalogue);
    const country = phoneCountry(config.SALESFORCE_EMULATOR_PHONE_COUNTRY);
    // Without PhoneIndex__c there is no trigger to keep it either: an org where the package's index was never deployed.
    this.dml = new DmlService(
      this.catalogue,
      this.store,
      phoneIndex ? [new PhoneIndexTrigger(this.store, country)] : [],
    );
    this.faults = new FaultInjector(
      {
        latencyMs: config.SALESFORCE_EMULATOR_LATENCY_MS,
        errorRate: config.SALESFORCE_EMULATOR_ERROR_RATE,
        failNextCalls: 0,
        unauthorizedRate: config.SALESFORCE_EMULATOR_UNAUTHORIZED_RATE,
        unauthorizedNextCalls: 0,
        requestLimitExceeded: config.SALESFORCE_EMULATOR_REQUEST_LIMIT_EXCEEDED,
        requestLimitAfterCalls: null,
        soslLagMs: config.SALESFORCE_EMULATOR_SOSL_LAG_MS,
      },
      seededRandom(config.SALESFORCE_EMULATOR_SEED),
    );
    this.search = new SearchIndex(this.catalogue, () => this.faults.settings.soslLagMs, clock);
    this.sessions = new SessionStore(
      ORG_ID.slice(0, 15),
      config.SALESFORCE_EMULATOR_TOKEN_TTL_SECONDS * 1000,
      // Assigned below; sessions only change once requests arrive.
      () => this.persistence?.markSessionsDirty(),
    );
    this.oauth = new OAuthService(
      {
        clientId: config.SALESFORCE_EMULATOR_CLIENT_ID,
        clientSecret: config.SALESFORCE_EMULATOR_CLIENT_SECRET,
        integrationUser: config.SALESFORCE_EMULATOR_INTEGRATION_USER,
        demoPassword: config.SALESFORCE_EMULATOR_DEMO_PASSWORD,
        jwtKey: jwtKey(config.SALESFORCE_EMULATOR_JWT_PUBLIC_KEY),
        loginsPerHour: config.SALESFORCE_EMULATOR_LOGINS_PER_HOUR,
      },
      { byUsername: (username) => this.activeUser(username) },
      this.sessions,
      ORG_ID,
      clock,
    );
    this.usage = new ApiUsage(config.SALESFORCE_EMULATOR_DAILY_API_LIMIT, clock);
    this.requests = new RequestCounters(clock);
    this.apiEvents = new ApiEventLog(1000, clock);
    this.cursors = new QueryCursors(clock);
    this.persistence = config.SALESFORCE_EMULATOR_PERSIST
      ? new OrgPersistence(
          join(resolve(config.PUENTE_DATA_DIR), 'salesforce'),
          {
            meta: () => ({
              format: FORMAT_VERSION,
              orgId: ORG_ID,
              seed: config.SALESFORCE_EMULATOR_SEED,
              counters: this.store.counterSnapshot(),
              savedAt: new Date(clock()).toISOString(),
            }),
            records: (name) => [...this.store.all(name)],
            sessions: () => this.sessions.snapshot(),
          },
          250,
          (error) => this.logger.error({ err: error, context: 'Persistence' }, 'could not save the org'),
        )
      : null;
    this.ctiSetup = new CtiSetup(
      seededCtiSetup(() => packageCallCenter(findPackageDir(config.SALESFORCE_EMULATOR_PACKAGE_DIR))),
      this.persistence ? join(this.persistence.dir, 'cti-setup.json') : null,
    );
    this.store.onCommit((events) => {
      this.search.onCommit(events);
      this.persistence?.markDirty(new Set(events.map((e) => e.objectName)));
    });
  }

  /** Loads the saved org, or seeds a new one when there is none. */
  async start(): Promise<void> {
    const saved = await this.persistence?.load().catch((error: unknown) => {
      this.logger.error(
        { err: error, context: 'Persistence' },
        'the saved org cannot be read; starting a new one',
      );
      return null;
    });
    if (saved) {
      for (const type of this.catalogue.objects) {
        const known = new Set(type.fields.map((f) => f.name));
        const records = (saved.records[type.name] ?? []).map((r) =>
          Object.fromEntries(Object.entries(r).filter(([k]) => known.has(k))),
        );
        this.store.load(type.name, records);
      }
      this.store.loadCounters(saved.meta.counters);
      if (saved.sessions) this.sessions.restore(saved.sessions);
      this.logger.info(
        { context: 'Org', dir: this.persistence?.dir, records: this.recordCounts() },
        'loaded the saved org',
      );
    } else {
      this.seed();
      await this.persistence?.saveAll(this.catalogue.objects.map((t) => t.name));
    }
    this.search.rebuild(this.store);
    await this.ctiSetup.load();
  }

  /** Writes pending changes (shutdown). */
  async stop(): Promise<void> {
    this.persistence?.markSessionsDirty();
    await this.persistence?.flush();
  }

  /** Wipes every record and session and seeds again (operator endpoint, tests). */
  async reset(): Promise<SeedSummary> {
    for (const type of this.catalogue.objects) this.store.load(type.name, []);
    this.store.loadCounters({});
    this.sessions.restore({ sessions: [], refreshTokens: [] });
    const summary = this.seed();
    this.search.rebuild(this.store);
    await this.ctiSetup.reset();
    await this.persistence?.saveAll(this.catalogue.objects.map((t) => t.name));
    return summary;
  }

  get seeded(): SeedSummary | null {
    return this.seedSummary;
  }

  activeUser(username: string): SObjectRecord | undefined {
    const f = this.catalogue.find('User')?.field('Username');
    const [id] = f ? this.store.lookup('User', f, username) : [];
    const user = id ? this.store.findLive(id) : undefined;
    return user && user['IsActive'] === true ? user : undefined;
  }

  user(id: string): SObjectRecord | undefined {
    return this.store.findLive(id);
  }

  queryEnv(userId: string, version: string): QueryEnv {
    const timeZone = this.user(userId)?.['TimeZoneSidKey'];
    return {
      catalogue: this.catalogue,
      store: this.store,
      userId,
      timeZone: typeof timeZone === 'string' ? timeZone : 'GMT',
      now: this.clock(),
      version,
    };
  }

  dmlContext(userId: string): DmlContext {
    return { userId, now: this.clock() };
  }

  /** The org's base URL: configured, or the one the client used. */
  baseUrl(requestOrigin: string): string {
    const configured = this.config.SALESFORCE_EMULATOR_PUBLIC_URL;
    return configured === 'auto' ? requestOrigin : configured.replace(/\/+$/, '');
  }

  recordCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const type of this.catalogue.objects) {
      counts[type.name] = [...this.store.all(type.name)].filter((r) => r['IsDeleted'] !== true).length;
    }
    return counts;
  }

  private seed(): SeedSummary {
    const started = performance.now();
    this.seedSummary = new OrgSeeder(this.dml, this.config.SALESFORCE_EMULATOR_SEED, this.clock()).run(
      this.config.SALESFORCE_EMULATOR_SEED_RECORDS,
    );
    this.logger.info(
      {
        context: 'Org',
        seed: this.config.SALESFORCE_EMULATOR_SEED,
        ms: Math.round(performance.now() - started),
        ...this.seedSummary,
      },
      'seeded a new org',
    );
    return this.seedSummary;
  }
}
