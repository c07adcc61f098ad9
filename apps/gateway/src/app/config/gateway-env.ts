import { CONTACT_DB_DEFAULT_PORT, DEFAULT_PORTS } from '@puente/contracts';
import {
  boolVar,
  enumVar,
  envVar,
  type EnvValues,
  intVar,
  LOG_LEVELS,
  portVar,
  stringVar,
  urlVar,
} from '@puente/server-kit';
import { z } from 'zod';
import { DEMO_SALESFORCE_APP } from './demo-app';

/** Every variable the gateway reads (documented in docs/configuration.md). */
export const gatewayEnv = {
  GATEWAY_PORT: portVar(DEFAULT_PORTS.gateway, 'HTTP and socket.io port of the gateway'),
  GATEWAY_HOST: stringVar('127.0.0.1', 'Interface the gateway binds to (0.0.0.0 to expose it)'),
  DIALER_URL: urlVar(
    `http://127.0.0.1:${DEFAULT_PORTS.dialerEmulator}`,
    'Base URL of the dialer webservice (the embedded dialer emulator by default)',
  ),
  SALESFORCE_URL: urlVar(
    `http://127.0.0.1:${DEFAULT_PORTS.salesforceEmulator}`,
    'Salesforce login/instance URL (the embedded Salesforce emulator by default)',
  ),
  CORS_ORIGINS: envVar(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.union([z.literal('*'), z.url({ error: 'must be a comma-separated list of origins or *' })]),
        ),
      )
      .default([
        `http://127.0.0.1:${DEFAULT_PORTS.agentPanel}`,
        `http://localhost:${DEFAULT_PORTS.agentPanel}`,
        `http://127.0.0.1:${DEFAULT_PORTS.salesforceEmulator}`,
        `http://localhost:${DEFAULT_PORTS.salesforceEmulator}`,
      ]),
    'Browser origins allowed to call the gateway (the panel, the console), comma-separated, or *',
  ),
  PUENTE_DATA_DIR: stringVar(
    '.data',
    'Folder for local state; the gateway keeps sessions and event buffers in <dir>/gateway',
  ),
  GATEWAY_TOKEN_SECRET: envVar(
    z.string().min(32, 'must be at least 32 characters').optional(),
    'Access-token key (key id default); without it or GATEWAY_TOKEN_SECRETS, one is generated and kept in the state folder',
    { secret: true },
  ),
  GATEWAY_TOKEN_SECRETS: envVar(
    z
      .string()
      .default('')
      .transform((v, ctx) => {
        const keys: { kid: string; secret: string }[] = [];
        for (const pair of v
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const at = pair.indexOf(':');
          const kid = pair.slice(0, at);
          const secret = pair.slice(at + 1);
          if (at < 1 || secret.length < 32 || !/^[\w.-]{1,64}$/.test(kid)) {
            ctx.addIssue({
              code: 'custom',
              message: 'must be kid:secret pairs, comma-separated, secrets of 32+ characters',
            });
            return z.NEVER;
          }
          if (keys.some((k) => k.kid === kid)) {
            ctx.addIssue({ code: 'custom', message: `names the key id ${kid} twice` });
            return z.NEVER;
          }
          keys.push({ kid, secret });
        }
        return keys;
      }),
    'Access-token keys as kid:secret pairs (secrets of 32+ characters), comma-separated: the first signs, all verify; see docs/architecture.md',
    { secret: true },
  ),
  ACCESS_TOKEN_TTL_SECONDS: intVar(900, 'Lifetime of an access token', 30, 86_400),
  REFRESH_TOKEN_TTL_SECONDS: intVar(43_200, 'Lifetime of a refresh token (a shift)', 300, 2_592_000),
  DIALER_TIMEOUT_MS: intVar(
    4000,
    'Time-out of each call to the dialer webservice; a command that runs out answers DIALER_OUTCOME_UNKNOWN',
    100,
    120_000,
  ),
  DIALER_BREAKER_FAILURES: intVar(5, 'Consecutive dialer failures that open the circuit breaker', 1, 1000),
  DIALER_BREAKER_RESET_MS: intVar(
    5000,
    'How long the breaker stays open before trying the dialer again',
    100,
    600_000,
  ),
  DIALER_POLL_INTERVAL_MS: intVar(
    1000,
    'Position polling interval while the push stream is unavailable; also the longest pause before a stream is reopened',
    100,
    60_000,
  ),
  EVENT_BUFFER_SIZE: intVar(1000, 'Events kept per agent for replay after a reconnect', 10, 100_000),
  IDEMPOTENCY_TTL_SECONDS: intVar(
    86_400,
    'How long a command result is remembered under its Idempotency-Key',
    60,
    604_800,
  ),
  CALL_CENTER_FILE: stringVar(
    '',
    'Call Center definition XML (as imported into Salesforce) whose options the gateway follows; empty: the defaults of `npm run callcenter -- generate`',
  ),
  SALESFORCE_AUTH: enumVar(
    ['client_credentials', 'jwt', 'password'] as const,
    'client_credentials',
    'OAuth flow the gateway logs in to Salesforce with',
  ),
  SALESFORCE_CLIENT_ID: stringVar(DEMO_SALESFORCE_APP.clientId, 'Consumer key of the connected app'),
  SALESFORCE_CLIENT_SECRET: stringVar(
    DEMO_SALESFORCE_APP.clientSecret,
    'Consumer secret of the connected app',
    {
      secret: true,
    },
  ),
  SALESFORCE_USERNAME: stringVar('', 'Integration user (JWT and password flows)'),
  SALESFORCE_PASSWORD: stringVar(
    '',
    'Password (+ security token) of the integration user, password flow only',
    {
      secret: true,
    },
  ),
  SALESFORCE_JWT_KEY_FILE: stringVar('', 'PEM private key that signs JWT bearer assertions'),
  SALESFORCE_API_VERSION: envVar(
    z
      .string()
      .regex(/^\d{2}\.0$/, 'must look like 62.0')
      .default('62.0'),
    'REST API version',
  ),
  SALESFORCE_TIMEOUT_MS: intVar(5000, 'Time-out of each Salesforce request', 100, 120_000),
  SALESFORCE_BREAKER_FAILURES: intVar(
    5,
    'Consecutive failed Salesforce calls that open its circuit breaker (calls then fail at once, token requests included)',
    1,
    1000,
  ),
  SALESFORCE_BREAKER_RESET_MS: intVar(
    1000,
    'First pause of the open Salesforce circuit before a trial call; each failed trial makes the next one longer, with jitter',
    100,
    600_000,
  ),
  SALESFORCE_BREAKER_MAX_MS: intVar(
    5000,
    'Longest pause of the Salesforce circuit while Salesforce cannot be reached or fails',
    100,
    3_600_000,
  ),
  SALESFORCE_LOGIN_BACKOFF_MS: intVar(
    300_000,
    "Longest pause of the Salesforce circuit while Salesforce refuses the gateway's login or sessions (3,600 logins an hour lock the user)",
    1000,
    3_600_000,
  ),
  SALESFORCE_PROBE_INTERVAL_MS: intVar(
    10_000,
    'How often, at most, health checks Salesforce with an API call (GET /limits) when no real call has shown it up or down',
    200,
    600_000,
  ),
  CONTACT_DB_KIND: enumVar(
    ['postgres', 'mssql', 'pglite'] as const,
    'postgres',
    'Contact-center database driver: postgres (PostgreSQL, or the PGlite the dialer emulator serves), mssql (SQL Server), pglite (in-process, for tests)',
  ),
  CONTACT_DB_URL: envVar(
    z.string().min(1).default(`postgres://postgres@127.0.0.1:${CONTACT_DB_DEFAULT_PORT}/postgres`),
    'Connection URL of the contact-center database (postgres://… or mssql://user:pass@host:1433/db); for pglite, a data folder or empty for memory',
    { secret: true },
  ),
  CONTACT_DB_ENCRYPT: boolVar(
    true,
    'SQL Server: require TLS to the database (off only for a lab server without a certificate)',
  ),
  CONTACT_DB_TRUST_CERT: boolVar(
    false,
    "SQL Server: accept the server's certificate without checking its chain",
  ),
  CONTACT_DB_TIMEOUT_MS: intVar(
    5000,
    'Time-out of each stored-procedure call and of opening a connection; a database that never answers fails the call a second later',
    100,
    120_000,
  ),
  CONTACT_DB_BREAKER_FAILURES: intVar(
    3,
    'Consecutive contact-center database calls that could not be served before every call fails at once (the circuit opens)',
    1,
    1000,
  ),
  CONTACT_DB_BREAKER_RESET_MS: intVar(
    1000,
    'How long the contact-center database circuit stays open before a trial call (the health probe, or the next caller)',
    100,
    600_000,
  ),
  CONTACT_DB_POOL_MAX: intVar(
    10,
    'Most connections the gateway opens to the contact-center database',
    1,
    200,
  ),
  CONTACT_DB_BATCH_MAX: intVar(
    50,
    'Most IVR contact inserts sent to the database in one round trip when they arrive together (1: one each)',
    1,
    1000,
  ),
  CONTACT_DB_BATCHES_IN_FLIGHT: intVar(
    2,
    'Most IVR insert round trips under way at once; inserts arriving meanwhile wait and go together (the rest of the pool stays free for look-ups)',
    1,
    200,
  ),
  IVR_KEYS: envVar(
    z
      .string()
      .default('')
      .transform((v, ctx) => {
        const keys = new Map<string, string>();
        for (const pair of v
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const at = pair.indexOf(':');
          const id = pair.slice(0, at);
          const secret = pair.slice(at + 1);
          if (at < 1 || secret.length < 16 || !/^[\w.-]+$/.test(id)) {
            ctx.addIssue({
              code: 'custom',
              message: 'must be keyId:secret pairs, comma-separated, secrets of 16+ characters',
            });
            return z.NEVER;
          }
          keys.set(id, secret);
        }
        return keys;
      }),
    'Keys of the IVRs allowed to insert contacts, as keyId:secret pairs (secrets of 16+ characters), comma-separated; empty refuses every IVR request',
    { secret: true },
  ),
  IVR_ALLOWED_IPS: envVar(
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]))),
    'IP addresses or CIDR ranges the IVR calls from, comma-separated; empty allows any (seed 003)',
  ),
  HEALTH_PROBE_INTERVAL_MS: intVar(2000, 'How often each upstream is probed', 200, 600_000),
  HEALTH_PROBE_TIMEOUT_MS: intVar(
    1500,
    'How long a probe may take before the upstream counts as down',
    50,
    60_000,
  ),
  REDIS_URL: envVar(
    z
      .string()
      .trim()
      .regex(/^(rediss?:\/\/\S+)?$/, 'must be a redis:// or rediss:// URL')
      .default(''),
    'Cluster mode: Redis shared by the gateway nodes (redis://[user:pass@]host:6379[/db], rediss:// for TLS); empty: one node, state stays local',
    { secret: true },
  ),
  REDIS_START_WAIT_MS: intVar(
    5000,
    'Cluster mode: how long a starting node waits for Redis before it listens; then it starts not ready (503 REDIS_UNAVAILABLE)',
    0,
    120_000,
  ),
  GATEWAY_EMPTY_QUEUE_TRANSFER: enumVar(
    ['confirm', 'refuse'] as const,
    'confirm',
    'A blind transfer to a queue nobody else is logged in to: confirm (the agent is warned and must confirm) or refuse',
  ),
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info', 'Lowest log level written'),
  LOG_FORMAT: enumVar(['json', 'pretty'] as const, 'json', 'json for machines, pretty for a terminal'),
  TRUST_PROXY: envVar(
    z
      .string()
      .default('')
      .transform((v, ctx): false | number | string[] => {
        const value = v.trim();
        if (value === '' || value === 'false') return false;
        if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
        const entries = value
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean);
        const address = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
        const named = ['loopback', 'linklocal', 'uniquelocal'];
        if (entries.every((e) => named.includes(e) || address.safeParse(e).success)) return entries;
        ctx.addIssue({
          code: 'custom',
          message:
            'must be a hop count (1-10) or proxy addresses, CIDR ranges, loopback, linklocal, uniquelocal; never true (a client could pick its address)',
        });
        return z.NEVER;
      }),
    'Proxies whose X-Forwarded-For the gateway believes: a hop count or addresses, CIDRs, loopback; empty: none, the socket address counts',
  ),
  RATE_WINDOW_SECONDS: intVar(60, 'Window of the login and refresh rate limits below', 1, 3600),
  LOGIN_RATE_PER_ADDRESS: intVar(
    600,
    'Logins one client address may try per window (an office behind one NAT starting a shift counts as one address)',
    1,
    1_000_000,
  ),
  LOGIN_RATE_PER_USER: intVar(10, 'Logins one user name may try per window', 1, 10_000),
  REFRESH_RATE_PER_ADDRESS: intVar(
    600,
    'Token refreshes one client address may try per window',
    1,
    1_000_000,
  ),
  REFRESH_RATE_PER_SESSION: intVar(10, 'Token refreshes of one session per window', 1, 10_000),
  LOGIN_LOCKOUT_FAILURES: intVar(
    5,
    'Wrong passwords for one user name within LOGIN_LOCKOUT_WINDOW_SECONDS that lock it out',
    1,
    1000,
  ),
  LOGIN_LOCKOUT_IP_FAILURES: intVar(
    50,
    'Wrong passwords from one client address, for any user names, within the window that lock the address out',
    1,
    1_000_000,
  ),
  LOGIN_LOCKOUT_WINDOW_SECONDS: intVar(900, 'Window in which wrong passwords are counted', 1, 86_400),
  LOGIN_LOCKOUT_SECONDS: intVar(
    900,
    'How long a lock-out lasts; an administrator can clear it sooner (docs/architecture.md#login-limits)',
    1,
    86_400,
  ),
  LOGIN_FAILURE_MIN_MS: intVar(
    250,
    "A wrong password is answered no sooner than this (or the dialer's slowest recent login): timing tells no names",
    0,
    10_000,
  ),
  NODE_ENV: stringVar(
    '',
    'production (as the Docker image sets) turns on production mode while GATEWAY_MODE is auto',
  ),
  GATEWAY_MODE: enumVar(
    ['auto', 'production', 'development'] as const,
    'auto',
    'production refuses demo settings and hides /metrics and /api/docs (docs/configuration.md#production-mode); auto: per NODE_ENV',
  ),
  METRICS_ENABLED: enumVar(
    ['auto', 'true', 'false'] as const,
    'auto',
    'Serve /metrics on the main port; auto: outside production mode only',
  ),
  METRICS_PORT: envVar(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().max(65535, 'must be between 0 and 65535'))
      .default(0),
    'Port of a separate listener serving only /metrics, on METRICS_HOST (0: none)',
  ),
  METRICS_HOST: stringVar('127.0.0.1', 'Interface the METRICS_PORT listener binds to (an internal one)'),
  API_DOCS_ENABLED: enumVar(
    ['auto', 'true', 'false'] as const,
    'auto',
    'Serve the OpenAPI description at /api/docs; auto: outside production mode only',
  ),
};

export type GatewayConfig = EnvValues<typeof gatewayEnv>;
