import { parseArgs } from 'node:util';
import { loadDialerCliConfig } from '../app/dialer-emulator.config';
import { formatReport, runSimulation } from '../app/sim/simulate';

const HELP = `Drive the dialer emulator (docs/dialer-emulator.md).

Usage: npm run dialer -- <command> [options]

  inbound <number> [--queue ID] [--data DIGITS]   place an inbound call through the IVR
  rates                                          show the simulated customers' rates
  rates [--answer P] [--busy P] [--talk S] [--inbound N] [--ring-min S] [--ring-max S]
        [--patience S] [--hangup true|false]     change them
  answer <callId> | busy <callId> | no-answer <callId>   decide a ringing customer
  hangup <callId>                                the customer hangs up
  advance <seconds>                              move virtual time forward (DIALER_SPEED=0)
  state                                          agents, calls, queues, campaign figures (JSON)
  bench-users <count>                            add users bench0001… (password puente)
  simulate [--agents 10] [--hours 1] [--seed 1] [--target 0.03] [--answer P] [--talk S]
                                                 a seeded predictive campaign in virtual time,
                                                 in this process (no running emulator needed)

Options: --url URL (default $DIALER_URL or http://127.0.0.1:7001), --help`;

const RATE_FLAGS: Record<string, string> = {
  answer: 'answerProbability',
  busy: 'busyProbability',
  talk: 'talkSecondsMean',
  inbound: 'inboundPerHour',
  'ring-min': 'ringSecondsMin',
  'ring-max': 'ringSecondsMax',
  patience: 'queuePatienceSecondsMean',
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      url: { type: 'string' },
      queue: { type: 'string' },
      data: { type: 'string' },
      agents: { type: 'string' },
      hours: { type: 'string' },
      seed: { type: 'string' },
      target: { type: 'string' },
      hangup: { type: 'string' },
      answer: { type: 'string' },
      busy: { type: 'string' },
      talk: { type: 'string' },
      inbound: { type: 'string' },
      'ring-min': { type: 'string' },
      'ring-max': { type: 'string' },
      patience: { type: 'string' },
    },
  });
  const [command, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return command || values.help ? 0 : 1;
  }
  const base = values.url ?? loadDialerCliConfig().DIALER_URL;
  const num = (v: string | undefined, name: string) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw new Error(`--${name} must be a number`);
    return n;
  };
  switch (command) {
    case 'simulate': {
      const report = await runSimulation({
        agents: values.agents ? num(values.agents, 'agents') : 10,
        hours: values.hours ? num(values.hours, 'hours') : 1,
        seed: values.seed ? num(values.seed, 'seed') : 1,
        target: values.target ? num(values.target, 'target') : undefined,
        rates: {
          ...(values.answer ? { answerProbability: num(values.answer, 'answer') } : {}),
          ...(values.talk ? { talkSecondsMean: num(values.talk, 'talk') } : {}),
        },
      });
      process.stdout.write(`${formatReport(report)}\n`);
      return report.abandonRate <= report.target ? 0 : 2;
    }
    case 'inbound':
      if (!arg) throw new Error('inbound needs a number, e.g. +541155551234 (or "anonymous")');
      return print(
        await request(base, 'POST', '/operator/inbound', {
          number: arg,
          queueId: values.queue,
          data: values.data,
        }),
      );
    case 'rates': {
      const change: Record<string, number | boolean> = {};
      for (const [flag, key] of Object.entries(RATE_FLAGS)) {
        const v = (values as Record<string, string | undefined>)[flag];
        if (v !== undefined) change[key] = num(v, flag);
      }
      if (values.hangup !== undefined) change['customersHangUp'] = values.hangup === 'true';
      return print(
        Object.keys(change).length === 0
          ? await request(base, 'GET', '/operator/rates')
          : await request(base, 'PUT', '/operator/rates', change),
      );
    }
    case 'answer':
    case 'busy':
    case 'no-answer':
    case 'hangup':
      if (!arg) throw new Error(`${command} needs a call id (see npm run dialer -- state)`);
      return print(
        await request(
          base,
          'POST',
          `/operator/calls/${encodeURIComponent(arg)}/${command.replace('-', '_')}`,
        ),
      );
    case 'advance':
      return print(await request(base, 'POST', '/operator/clock/advance', { seconds: num(arg, 'seconds') }));
    case 'state':
      return print(await request(base, 'GET', '/state'));
    case 'bench-users':
      return print(await request(base, 'POST', '/operator/bench/users', { count: num(arg, 'count') }));
    default:
      process.stderr.write(`unknown command ${command}\n\n${HELP}\n`);
      return 1;
  }
}

async function request(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new Error(`the dialer emulator is not reachable at ${base} (npm start, or --url)`);
  }
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok)
    throw new Error(`${json?.error?.code ?? res.status}: ${json?.error?.message ?? res.statusText}`);
  return json;
}

function print(value: unknown): number {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`dialer: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
