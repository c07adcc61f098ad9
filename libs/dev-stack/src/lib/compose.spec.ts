import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ComposeFile,
  type ComposeService,
  interpolatedNames,
  interpolateDefaults,
  mergeCompose,
  portOf,
  readComposeFile,
  tableVariables,
  urlsIn,
} from './compose-file';

const root = join(__dirname, '..', '..', '..', '..');
const docker = join(root, 'docker');
const configurationMd = readFileSync(join(root, 'docs', 'configuration.md'), 'utf8');

/**
 * What a browser on the host uses (the panel's gateways, the origins the
 * gateway lets call it, the console's frame and iframe): localhost is right
 * there, and only there.
 */
const BROWSER_FACING = new Set([
  'GATEWAY_URL',
  'GATEWAY_URLS',
  'CORS_ORIGINS',
  'PANEL_FRAME_ANCESTORS',
  'AGENT_PANEL_URL',
]);
const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** Ports a service listens on: its *_PORT settings, the image's own port, nginx's `listen`. */
function listensOn(service: ComposeService): number[] {
  const fromEnv = Object.entries(service.environment)
    .filter(([name]) => name.endsWith('_PORT'))
    .map(([, value]) => Number(interpolateDefaults(value)))
    .filter((port) => port > 0);
  const image = service.image ?? '';
  const known = [
    ...(image.startsWith('redis:') ? [6379] : []),
    ...(image.startsWith('mcr.microsoft.com/mssql/server:') ? [1433] : []),
  ];
  const nginxConfs = [
    ...(service.volumes ?? [])
      .map((v) => v.split(':'))
      .filter(([, target]) => target?.startsWith('/etc/nginx/'))
      .map(([source]) => join(docker, source)),
    ...(service.build?.dockerfile === 'docker/panel.Dockerfile' ? [join(docker, 'nginx.conf')] : []),
  ];
  const fromNginx = nginxConfs.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^\s*listen\s+(?:[\d.]+:)?(\d+)/gm)].map((m) => Number(m[1])),
  );
  return [...fromEnv, ...known, ...fromNginx];
}

const CONFIGURATIONS: [string, string[]][] = [
  ['compose.yaml (the contact-center database on the dialer emulator)', ['compose.yaml']],
  ['compose.yaml + compose.sqlserver.yaml', ['compose.yaml', 'compose.sqlserver.yaml']],
];

describe.each(CONFIGURATIONS)('docker/%s (issue 18 §4)', (_label, files) => {
  let compose: ComposeFile;
  const services = () => Object.entries(compose.services);
  /** The services that run the gateway image, whatever they are called. */
  const gatewayNodes = () =>
    services()
      .filter(([, service]) => service.build?.args?.['APP'] === 'gateway')
      .map(([name]) => name);

  beforeAll(() => {
    for (const file of files) expect(existsSync(join(docker, file))).toBe(true);
    compose = mergeCompose(files.map((file) => readComposeFile(join(docker, file))));
  });

  it('matches the compose subset, runs two gateway nodes behind a load balancer, and checks the health of what it waits for', () => {
    expect(gatewayNodes()).toEqual(['gateway-1', 'gateway-2']);
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['redis', 'gateway-lb', 'agent-panel']),
    );
    for (const node of gatewayNodes()) {
      expect(compose.services[node].healthcheck?.test.join(' ')).toContain('/health/ready');
      expect(compose.services[node].environment['REDIS_URL']).toBe('redis://redis:6379');
    }
    expect(compose.services['redis'].healthcheck).toBeDefined();
    for (const [name, { build }] of services())
      if (build)
        expect({ name, dockerfile: existsSync(join(root, build.dockerfile)) }).toEqual({
          name,
          dockerfile: true,
        });
    if (compose.services['sqlserver']) expect(compose.services['sqlserver'].healthcheck).toBeDefined();
  });

  it('names a service in every depends_on, and asks only for a condition that service can meet', () => {
    for (const [name, service] of services())
      for (const [dependency, { condition }] of Object.entries(service.depends_on)) {
        const target = compose.services[dependency];
        expect({ name, dependency, exists: target !== undefined }).toEqual({
          name,
          dependency,
          exists: true,
        });
        if (condition === 'service_healthy')
          expect({ dependency, healthcheck: target.healthcheck !== undefined }).toEqual({
            dependency,
            healthcheck: true,
          });
      }
    for (const node of gatewayNodes())
      expect(compose.services[node].depends_on['redis']).toEqual({ condition: 'service_healthy' });
  });

  it('points every address at a service on a port that service listens on, and gives the gateway each one it needs', () => {
    for (const [name, service] of services())
      for (const [variable, value] of Object.entries(service.environment))
        for (const url of urlsIn(value)) {
          const target = compose.services[url.hostname];
          if (!target) continue;
          const ports = listensOn(target);
          expect({
            name,
            variable,
            port: portOf(url),
            listening: ports.includes(portOf(url)),
            ports,
          }).toEqual({
            name,
            variable,
            port: portOf(url),
            listening: true,
            ports,
          });
        }
    const upstreams = ['DIALER_URL', 'SALESFORCE_URL', 'CONTACT_DB_URL', 'REDIS_URL'];
    for (const node of gatewayNodes())
      for (const variable of upstreams) {
        const [url] = urlsIn(compose.services[node].environment[variable] ?? '');
        expect({
          node,
          variable,
          service: url?.hostname,
          known: !!url && url.hostname in compose.services,
        }).toEqual({
          node,
          variable,
          service: url?.hostname,
          known: true,
        });
      }
  });

  it('sends no container to localhost: only browser-facing values name it, and no loopback default is left in place', () => {
    for (const [name, service] of services())
      for (const [variable, value] of Object.entries(service.environment))
        if (!BROWSER_FACING.has(variable))
          expect({ name, variable, loopback: urlsIn(value).some(isLoopback) }).toEqual({
            name,
            variable,
            loopback: false,
          });
    // The gateway's address defaults that are loopback (docs/configuration.md), and CONTACT_DB_URL,
    // whose default (postgres://…@127.0.0.1:7003) the docs hide as a secret.
    const loopbackDefaults = tableVariables(configurationMd, '## Gateway')
      .filter(({ name, cells }) => name.endsWith('_URL') && /127\.0\.0\.1|localhost/.test(cells[0]))
      .map(({ name }) => name);
    expect(loopbackDefaults).toEqual(expect.arrayContaining(['DIALER_URL', 'SALESFORCE_URL']));
    for (const node of gatewayNodes())
      for (const variable of [...loopbackDefaults, 'CONTACT_DB_URL'])
        expect({ node, variable, set: variable in compose.services[node].environment }).toEqual({
          node,
          variable,
          set: true,
        });
    const dialer = compose.services['dialer-emulator'].environment;
    if (dialer['DIALER_IVR'] === 'http') expect(dialer['DIALER_IVR_URL']).toBeDefined();
  });

  it('sets, or leaves as a ${VARIABLE} for the operator, every setting production mode asks of the gateway', () => {
    const production = tableVariables(configurationMd, '### Production mode').map(({ name }) => name);
    expect(production).toEqual(expect.arrayContaining(['GATEWAY_TOKEN_SECRETS', 'CORS_ORIGINS']));
    for (const node of gatewayNodes()) {
      const env = compose.services[node].environment;
      for (const variable of production) {
        const value = env[variable];
        const placeholder = value !== undefined && interpolatedNames(value).includes(variable);
        expect({
          node,
          variable,
          setOrPlaceholder: value !== undefined && (placeholder || value !== ''),
        }).toEqual({ node, variable, setOrPlaceholder: true });
      }
      expect(env['CORS_ORIGINS']).not.toContain('*');
    }
  });

  it('requires the shared token keys wherever a gateway runs in cluster mode (REDIS_URL), as the gateway does', () => {
    for (const node of gatewayNodes()) {
      const env = compose.services[node].environment;
      if (env['REDIS_URL'] === undefined) continue;
      const keys = env['GATEWAY_TOKEN_SECRETS'] ?? '';
      // Set, or `${GATEWAY_TOKEN_SECRETS:?…}`: compose stops with the message instead of a node refusing to start.
      expect({ node, keys: interpolateDefaults(keys) !== '' }).toEqual({ node, keys: true });
    }
  });

  it('keeps what Redis holds on a volume, with its append-only file: Tasks not yet written and the audit are records (docs/redis-repositories.md)', () => {
    const redis = services().filter(([, service]) => (service.image ?? '').startsWith('redis:'));
    expect(redis.map(([name]) => name)).toEqual(['redis']);
    const [, service] = redis[0];
    const command = service.command ?? [];
    const setting = (name: string) => command[command.indexOf(name) + 1];
    expect({ appendonly: setting('--appendonly'), appendfsync: setting('--appendfsync') }).toEqual({
      appendonly: 'yes',
      appendfsync: 'everysec',
    });
    const data = (service.volumes ?? []).map((v) => v.split(':')).find(([, target]) => target === '/data');
    expect(data && Object.keys(compose.volumes ?? {})).toContain(data?.[0]);
  });

  it("points the panel and the console at the load balancer's published port", () => {
    expect(Object.keys(compose.services)).toContain('gateway-lb');
    const lb = compose.services['gateway-lb'];
    const published = (lb.ports ?? []).map((p) => Number(p.split(':')[0]));
    for (const [name, variable] of [
      ['agent-panel', 'GATEWAY_URL'],
      ['salesforce-emulator', 'GATEWAY_URL'],
    ]) {
      const [url] = urlsIn(compose.services[name].environment[variable] ?? '');
      const port = url ? portOf(url) : NaN;
      expect({
        name,
        variable,
        loopback: !!url && isLoopback(url),
        published: published.includes(port),
      }).toEqual({
        name,
        variable,
        loopback: true,
        published: true,
      });
    }
    for (const node of gatewayNodes()) {
      expect(compose.services[node].ports ?? []).toEqual([]);
      expect(lb.depends_on[node]).toBeDefined();
    }
  });
});

describe('docker/compose.sqlserver.yaml: the contact-center database on SQL Server (issue 18 §4)', () => {
  let compose: ComposeFile;
  beforeAll(() => {
    compose = mergeCompose(
      ['compose.yaml', 'compose.sqlserver.yaml'].map((file) => readComposeFile(join(docker, file))),
    );
  });

  it('installs the T-SQL once SQL Server is healthy, and starts the gateway nodes only after that succeeded', () => {
    const init = compose.services['sqlserver-init'];
    expect(init.depends_on['sqlserver']).toEqual({ condition: 'service_healthy' });
    expect(init.restart ?? 'no').toBe('no');
    const [admin] = urlsIn(init.environment['MSSQL_URL'] ?? '');
    expect(admin?.hostname).toBe('sqlserver');
    for (const node of ['gateway-1', 'gateway-2']) {
      const { environment, depends_on } = compose.services[node];
      expect(depends_on['sqlserver-init']).toEqual({ condition: 'service_completed_successfully' });
      expect(environment['CONTACT_DB_KIND']).toBe('mssql');
      const [url] = urlsIn(environment['CONTACT_DB_URL']);
      expect([url.protocol, url.hostname, url.pathname]).toEqual(['mssql:', 'sqlserver', '/ContactCenter']);
      // The login the init service creates and grants EXECUTE to is the one the gateway uses.
      expect(decodeURIComponent(url.username)).toBe(init.environment['CONTACT_DB_LOGIN']);
    }
  });
});
