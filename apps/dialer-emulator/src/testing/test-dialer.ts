import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NeoApiClient, type NeoMethodName, type NeoRequest, type NeoResponse } from '@puente/neoapi';
import { prepareNestService } from '@puente/server-kit';
import { AppModule } from '../app/app.module';
import { DialerEngine } from '../app/engine/dialer-engine';
import type { Rates } from '../app/sim/customer-model';
import type { DialerStore } from '../app/store/dialer-store';
import { MemoryDialerStore } from '../app/store/memory-store';
import { openSqlTestStore } from './sql-test-store';

export interface TestDialer {
  url: string;
  engine: DialerEngine;
  client: NeoApiClient;
  /** Logs a demo user in and returns a caller bound to its token. */
  login(user: string, device: string): Promise<AgentHandle>;
  advance(seconds: number): Promise<void>;
  close(): Promise<void>;
}

export interface AgentHandle {
  token: string;
  agentId: string;
  call<M extends NeoMethodName>(method: M, request: NeoRequest<M>): Promise<NeoResponse<M>>;
}

/**
 * A whole emulator over real HTTP on an ephemeral port, with a manual
 * virtual clock: tests move time themselves, so nothing depends on timing.
 */
export async function startTestDialer(
  options: {
    seed?: number;
    rates?: Partial<Rates>;
    /** A store of the test's own, or which kind to open (default memory; 'sql' is what `npm start` runs). */
    store?: DialerStore | 'memory' | 'sql';
    contacts?: number;
  } = {},
): Promise<TestDialer> {
  const opened = await openTestStore(options.store ?? 'memory', options.contacts ?? 300);
  const store = opened.store;
  const engine = await DialerEngine.create({
    store,
    seed: options.seed ?? 7,
    rates: options.rates,
    startMs: Date.parse('2025-03-03T12:00:00Z'),
  });
  const app: INestApplication = await NestFactory.create(
    AppModule.forEngine(engine, { storage: 'memory', contactDbUrl: null, speed: 0 }),
    { logger: false },
  );
  // What main.ts's startNestService does between creating and listening: the same server, hardened.
  await prepareNestService(app, { corsOrigins: ['*'] });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const client = new NeoApiClient({ baseUrl: url, timeoutMs: 5000 });
  return {
    url,
    engine,
    client,
    async login(user, device) {
      const { token, agent } = await client.call('Login', { user, device, password: 'puente' });
      return {
        token,
        agentId: agent.agentId,
        call: (method, request) => client.call(method, request, { token }),
      };
    },
    advance: (seconds) => engine.advance(seconds * 1000),
    async close() {
      await engine.stop();
      await app.close();
      await opened.close();
    },
  };
}

/** A store the test passed in stays the test's to close; one opened here is closed with the dialer. */
async function openTestStore(
  kind: DialerStore | 'memory' | 'sql',
  contacts: number,
): Promise<{ store: DialerStore; close(): Promise<void> }> {
  if (kind === 'sql') return openSqlTestStore(contacts);
  if (kind === 'memory') return { store: new MemoryDialerStore({ contacts }), close: async () => undefined };
  return { store: kind, close: async () => undefined };
}

/** The stable code of a NeoApi refusal (fails when the work succeeds). */
export async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Event types an agent received so far (from the dialer's own log). */
export function eventTypes(dialer: TestDialer, agentId: string): string[] {
  return dialer.engine.world.events.since(agentId, 0).events.map((e) => e.type);
}
