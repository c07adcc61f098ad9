import { TestBed } from '@angular/core/testing';
import type { Socket } from 'socket.io-client';
import { GatewaySockets } from '../connection/socket-factory';
import { AuthTokens } from '../session/auth-tokens.service';
import { AgentLink } from './agent-link.service';

/** The parts of a socket.io client socket the link uses, driven by the test. */
class FakeSocket {
  connected = false;
  /** False once the server refused the handshake: socket.io then stops retrying by itself. */
  active = true;
  connects = 0;
  private readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  readonly io = { on: () => undefined };
  on(event: string, handler: (...args: unknown[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  connect(): this {
    this.connects++;
    this.active = true;
    return this;
  }
  close(): void {
    this.connected = false;
  }
}

/** Issue 18: a gateway node refusing a handshake for want of Redis is not a logged-out session. */
describe('AgentLink: a handshake the gateway refuses', () => {
  let socket: FakeSocket;
  let refreshed: number;

  beforeEach(() => {
    jest.useFakeTimers();
    socket = new FakeSocket();
    refreshed = 0;
    TestBed.configureTestingModule({
      providers: [
        { provide: GatewaySockets, useValue: { open: () => socket as unknown as Socket } },
        {
          provide: AuthTokens,
          useValue: {
            refresh: async () => {
              refreshed++;
              return 'refreshed';
            },
          },
        },
      ],
    });
  });

  afterEach(() => jest.useRealTimers());

  const refuse = (code: string) => {
    socket.active = false;
    socket.fire('connect_error', Object.assign(new Error(code), { data: { code } }));
  };

  it('REDIS_UNAVAILABLE: connects again by itself, without touching the session', () => {
    const link = TestBed.inject(AgentLink);
    link.connect();
    refuse('REDIS_UNAVAILABLE');
    expect(link.status()).toBe('reconnecting');
    jest.advanceTimersByTime(2000);
    expect(socket.connects).toBe(1);
    expect(refreshed).toBe(0);
  });

  it('UNAUTHENTICATED: refreshes the token first', async () => {
    const link = TestBed.inject(AgentLink);
    link.connect();
    refuse('UNAUTHENTICATED');
    await Promise.resolve();
    expect(refreshed).toBe(1);
  });
});
