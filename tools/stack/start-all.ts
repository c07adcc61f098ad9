// `npm start`: builds what changed, runs the whole embedded stack, waits until
// every part is healthy, prints where to go, restarts a service that crashes
// (with back-off, the others untouched), and stops everything on Ctrl-C,
// SIGTERM or SIGHUP.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  describeSupervisorEvent,
  EmbeddedStack,
  isPortFree,
  loadStackConfig,
  PORT_VARIABLE,
  type StackConfig,
  stackUrls,
  type StackUrls,
} from '@puente/dev-stack';
import { ConfigError } from '@puente/server-kit';
import { printBanner } from './banner';
import { colourFor, paint } from './colour';

const workspaceRoot = join(import.meta.dirname, '..', '..');
const args = new Set(process.argv.slice(2));

if (args.has('--help') || args.has('-h')) {
  console.log(`Usage: npm start [-- --no-build]

Runs the embedded stack: dialer emulator, Salesforce emulator, gateway and agent panel.
  --no-build   use the existing builds in dist/ (faster when nothing changed)

Ports and folders come from the environment (see docs/configuration.md):
  GATEWAY_PORT=3000 AGENT_PANEL_PORT=4200 DIALER_EMULATOR_PORT=7001 SALESFORCE_EMULATOR_PORT=7002
  PUENTE_HOST=127.0.0.1 PUENTE_DATA_DIR=.data`);
  process.exit(0);
}

function fail(message: string): never {
  console.error(`\n${paint('red', '✖')} ${message}\n`);
  process.exit(1);
}

/** Refuses to start over another stack, naming the port, the variable, and what holds it when it is ours. */
async function assertPortsFree(config: StackConfig, urls: StackUrls): Promise<void> {
  const busy: string[] = [];
  for (const [service, variable] of Object.entries(PORT_VARIABLE) as [keyof StackUrls, keyof StackConfig][]) {
    const port = config[variable] as number;
    if (await isPortFree(port, config.PUENTE_HOST)) continue;
    const holder = await fetch(`${urls[service]}/health`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.json() as Promise<{ service?: string }>)
      .then((b) => (b.service ? ` by Puente's ${b.service}` : ''))
      .catch(() => '');
    busy.push(`  port ${port} (${variable}) is already in use${holder}`);
  }
  if (busy.length === 0) return;
  fail(
    `Cannot start: a port is in use.\n${busy.join('\n')}\n\n` +
      'Is `npm start` already running in another terminal? Stop it with Ctrl-C, ' +
      'or choose other ports, e.g. GATEWAY_PORT=3100 AGENT_PANEL_PORT=4300 npm start.',
  );
}

function build(): void {
  console.log(paint('dim', 'Building the apps (cached when nothing changed)…'));
  const result = spawnSync(
    'nx',
    [
      'run-many',
      '-t',
      'build',
      '-p',
      'gateway',
      'dialer-emulator',
      'salesforce-emulator',
      'agent-panel',
      '--output-style=static',
    ],
    {
      cwd: workspaceRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    },
  );
  if (result.status !== 0) fail('The build failed: see the errors above.');
}

async function main(): Promise<void> {
  let config: StackConfig;
  try {
    config = loadStackConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const urls = stackUrls(config);
  await assertPortsFree(config, urls);
  if (!args.has('--no-build')) build();

  const stack = new EmbeddedStack({
    config,
    workspaceRoot,
    onLine: (service, _stream, line) =>
      console.log(`${paint(colourFor(service), service.padEnd(19))} │ ${line}`),
  });

  let stopping: Promise<void> | undefined;
  const shutdown = (code: number, why: string) => {
    stopping ??= (async () => {
      console.log(paint('dim', `\n${why}: stopping every service…`));
      await stack.stop();
      console.log(paint('dim', 'Stopped. Bye.'));
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(0, signal === 'SIGINT' ? 'Ctrl-C' : signal));
  }
  // The launcher is the supervisor (and serves the panel): a stray rejection in it must not take
  // every service down. Said loudly, and it keeps supervising.
  process.on('unhandledRejection', (reason) =>
    console.error(
      paint(
        'red',
        `launcher: unexpected error (still running): ${(reason as Error)?.stack ?? String(reason)}`,
      ),
    ),
  );
  // If whoever started us vanishes without a signal, do not linger holding the ports.
  const launcher = process.ppid;
  setInterval(() => {
    if (process.ppid !== launcher) void shutdown(1, 'The launcher went away');
  }, 1000).unref();

  try {
    await stack.start();
  } catch (error) {
    console.error(paint('red', `\n${(error as Error).message}`));
    await shutdown(1, 'Start-up failed');
    return;
  }
  stack.supervise((event) => {
    const colour = event.kind === 'healthy' ? 'green' : event.kind === 'exited' ? 'yellow' : 'red';
    console.log(
      `${paint(colourFor(event.service), event.service.padEnd(19))} │ ${paint(colour, describeSupervisorEvent(event))}`,
    );
  });
  await printBanner(urls);
}

void main();
