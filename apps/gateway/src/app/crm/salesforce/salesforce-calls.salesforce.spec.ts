import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SalesforceOrg, SF_DEMO } from '../../../testing/salesforce-org';
import { CrmUnavailableError } from '../crm.port';
import { JsforceCrmAdapter, type JsforceCrmOptions } from '../jsforce-crm.adapter';
import { BoundedTransport, inScope } from './bounded-transport';

jest.setTimeout(60_000);

const lastDigits = { mode: 'lastDigits', digits: 7 } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function adapter(loginUrl: string, options: Partial<JsforceCrmOptions> = {}): JsforceCrmAdapter {
  return new JsforceCrmAdapter({
    auth: {
      flow: 'client_credentials',
      loginUrl,
      clientId: SF_DEMO.clientId,
      clientSecret: SF_DEMO.clientSecret,
      username: undefined,
      password: undefined,
      jwtKeyFile: undefined,
    },
    apiVersion: '62.0',
    timeoutMs: 5000,
    ...options,
  });
}

/** The rejection of a promise that must fail, and how long it took to fail. */
async function failure(promise: Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error: error as Error, ms: performance.now() - started };
  }
  throw new Error('expected the call to fail');
}

/**
 * docs/salesforce-setup.md, "When Salesforce fails": what the adapter sends a
 * real org (the local one, counting every token and API request it answers)
 * when sessions are refused, calls fail or nothing answers.
 */
describe("the adapter's Salesforce calls under faults (issue 15 §3)", () => {
  let org: SalesforceOrg;

  beforeAll(async () => {
    org = await new SalesforceOrg().start();
  });

  afterEach(() => org.clearFaults());
  afterAll(() => org?.stop());

  it('refreshes once for all callers after INVALID_SESSION_ID, one token request in flight', async () => {
    const crm = adapter(org.url);
    await crm.ping();
    await org.expireSessions();
    await org.faults({ latencyMs: 100 });
    await org.resetRequests();
    const found = await Promise.all(
      Array.from({ length: 6 }, () => crm.findByPhone('+5491155550001', lastDigits)),
    );
    expect(found.every((f) => f.length === 1)).toBe(true);
    const counts = await org.requests();
    expect(counts.token).toMatchObject({ requests: 1, refused: 0, maxInFlight: 1 });
  });

  it('replays a request once after a fresh token: a second INVALID_SESSION_ID fails the call', async () => {
    const crm = adapter(org.url);
    await crm.ping();
    await org.resetRequests();
    await org.faults({ unauthorizedNextCalls: 2 });
    const { error } = await failure(crm.findByPhone('+5491155550001', lastDigits));
    expect(error).toBeInstanceOf(CrmUnavailableError);
    expect(error.message).toMatch(/INVALID_SESSION_ID/);
    const counts = await org.requests();
    expect(counts.token.requests).toBe(1);
    expect(counts.api).toMatchObject({ requests: 2, unauthorized: 2 });
    // The next call is a new one: it refreshes again and goes through.
    expect(await crm.findByPhone('+5491155550001', lastDigits)).toHaveLength(1);
  });

  it('retries a failing read once, never a write, and nothing runs on after the caller got its answer', async () => {
    const crm = adapter(org.url, { timeoutMs: 3000 });
    await crm.ping();
    await org.faults({ failNextCalls: 1 });
    expect(await crm.findByPhone('+5491155550001', lastDigits)).toHaveLength(1);
    await org.resetRequests();
    await org.faults({ errorRate: 1 });
    const read = await failure(crm.retrieve('Contact', '003000000000000AAA', ['Name']));
    expect(read.error).toBeInstanceOf(CrmUnavailableError);
    const write = await failure(crm.create('Contact', { LastName: 'Never twice' }));
    expect(write.error).toBeInstanceOf(CrmUnavailableError);
    await sleep(2000);
    expect((await org.requests()).api).toMatchObject({ requests: 3, failed: 3 });
  });

  it('during a 401 storm under load: a bounded number of logins, one at a time, then the circuit stops calling', async () => {
    const crm = adapter(org.url, { timeoutMs: 1000 });
    await crm.ping();
    await org.resetRequests();
    await org.faults({ unauthorizedRate: 1, latencyMs: 20 });
    const stormEnds = Date.now() + 4000;
    const outcomes: { ok: boolean; ms: number }[] = [];
    // Eight callers, as pops and the outbox make them: reads and Task writes, again as soon as each one ends.
    const caller = async (i: number) => {
      while (Date.now() < stormEnds) {
        const started = performance.now();
        const call =
          i % 2 === 0
            ? crm.findByPhone('+5491155550001', lastDigits)
            : crm.upsertCallTask({ CallObject: `storm-${i}`, Subject: 'Storm', TaskSubtype: 'Call' });
        const ok = await call.then(
          () => true,
          (error: unknown) => {
            if (!(error instanceof CrmUnavailableError)) throw error;
            return false;
          },
        );
        outcomes.push({ ok, ms: performance.now() - started });
        await sleep(20);
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => caller(i)));
    const during = await org.requests();
    // 5 consecutive failures open the circuit (first pause 1 s, growing with jitter): in 4 s at most
    // one login per failed call before it opens and one per trial call after.
    expect(during.token.requests).toBeLessThanOrEqual(10);
    expect(during.token.maxInFlight).toBe(1);
    expect(during.api.requests).toBeLessThanOrEqual(50);
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    // While it is open, callers learn it at once instead of waiting for a time-out.
    const fastFailures = outcomes.filter((o) => o.ms < 50).length;
    expect(fastFailures).toBeGreaterThan(outcomes.length / 2);
    // Nothing keeps going on behalf of callers who gave up.
    await sleep(1500);
    const after = await org.requests();
    expect(after.token.requests - during.token.requests).toBeLessThanOrEqual(0);

    await org.clearFaults();
    await sleep(100);
    const back = await until(async () => {
      try {
        return await crm.findByPhone('+5491155550001', lastDigits);
      } catch {
        return null;
      }
    }, 20_000);
    expect(back).toHaveLength(1);
  });

  it('gives up at its time-out, the login included, and sends nothing more for that call', async () => {
    const blackHole = await BlackHole.start();
    const crm = adapter(blackHole.url, { timeoutMs: 300 });
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('still waiting after 5 s')), 5000);
    });
    const { error, ms } = await failure(Promise.race([crm.ping(), stuck]));
    clearTimeout(timer);
    expect(error).toBeInstanceOf(CrmUnavailableError);
    expect(error.message).toMatch(/within 300 ms/);
    expect(ms).toBeLessThan(1000);
    await sleep(1000);
    expect(blackHole.accepted).toBe(1);
    await blackHole.stop();
  });

  it('aborts the HTTP request itself at the deadline of its call (jsforce would give it 30 minutes)', async () => {
    const blackHole = await BlackHole.start();
    const transport = new BoundedTransport(60_000);
    const scope = { deadline: Date.now() + 300, signal: new AbortController().signal, methods: [] };
    const started = performance.now();
    const { error } = await failure(
      inScope(scope, async () => transport.httpRequest({ method: 'GET', url: `${blackHole.url}/limits` })),
    );
    expect(error.name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(1000);
    await blackHole.stop();
  });
});

async function until<T>(probe: () => Promise<T | null> | T | null, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${ms} ms`);
    await sleep(50);
  }
}

/** A Salesforce that accepts connections and never answers: a hung org or a black-holed route. */
class BlackHole {
  accepted = 0;
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      this.accepted++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    });
  }

  static async start(): Promise<BlackHole> {
    const server = createServer();
    const hole = new BlackHole(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return hole;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
