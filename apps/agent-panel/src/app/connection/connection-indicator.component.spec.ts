import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { GatewayHealth } from '@puente/contracts';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { I18n } from '../core/i18n/i18n.service';
import { ConnectionIndicator } from './connection-indicator.component';
import { GatewayStatus } from './gateway-status.service';
import { SOCKET_FACTORY } from './socket-factory';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client to drive the service from a test. */
class FakeSocket {
  readonly handlers = new Map<string, Handler[]>();
  readonly managerHandlers = new Map<string, Handler[]>();
  url = '';
  closed = false;
  readonly io = { on: (event: string, h: Handler) => this.add(this.managerHandlers, event, h) };
  on(event: string, h: Handler) {
    this.add(this.handlers, event, h);
    return this;
  }
  connects = 0;
  close() {
    this.closed = true;
  }
  connect() {
    this.connects += 1;
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
  fireManager(event: string, ...args: unknown[]) {
    for (const h of this.managerHandlers.get(event) ?? []) h(...args);
  }
  private add(map: Map<string, Handler[]>, event: string, h: Handler) {
    map.set(event, [...(map.get(event) ?? []), h]);
  }
}

function health(dialer: 'up' | 'down', salesforce: 'up' | 'down'): GatewayHealth {
  const u = (name: 'dialer' | 'salesforce', status: 'up' | 'down') => ({
    name,
    status,
    latencyMs: status === 'up' ? 3 : null,
    checkedAt: '2026-11-23T10:00:00.000Z',
    error: status === 'up' ? null : 'connection refused',
  });
  return {
    status: dialer === 'up' && salesforce === 'up' ? 'ok' : 'degraded',
    service: 'gateway',
    version: '0.1.0',
    uptimeSeconds: 5,
    upstreams: [u('dialer', dialer), u('salesforce', salesforce)],
  };
}

describe('ConnectionIndicator', () => {
  let socket: FakeSocket;

  function render() {
    socket = new FakeSocket();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        {
          provide: RUNTIME_CONFIG,
          useValue: { gatewayUrl: 'http://gw.test:3000', gatewayOrigins: ['http://gw.test:3000'] },
        },
        {
          provide: SOCKET_FACTORY,
          useValue: (url: string) => {
            socket.url = url;
            return socket;
          },
        },
      ],
    });
    TestBed.inject(I18n).use('en');
    TestBed.inject(GatewayStatus).connect();
    const fixture = TestBed.createComponent(ConnectionIndicator);
    fixture.detectChanges();
    const text = () => {
      fixture.detectChanges();
      return (fixture.nativeElement as HTMLElement)
        .querySelector('[data-testid="connection-status"]')
        ?.textContent?.trim();
    };
    const level = () =>
      (fixture.nativeElement as HTMLElement).querySelector('.indicator')?.getAttribute('data-level');
    return { text, level };
  }

  it('connects to the status namespace of the configured gateway', () => {
    render();
    expect(socket.url).toBe('http://gw.test:3000/status');
  });

  it('shows the gateway and every upstream once connected', () => {
    const { text, level } = render();
    expect(text()).toBe('Connecting to the gateway…');
    socket.fire('connect');
    socket.fire('health', health('up', 'up'));
    expect(text()).toBe('Gateway connected · dialer up · Salesforce up');
    expect(level()).toBe('ok');
  });

  it('turns amber when an upstream is down and red when the gateway is gone, counting reconnects', () => {
    const { text, level } = render();
    socket.fire('connect');
    socket.fire('health', health('down', 'up'));
    expect(text()).toBe('Gateway connected · dialer down · Salesforce up');
    expect(level()).toBe('degraded');
    socket.fire('disconnect', 'transport close');
    expect(text()).toBe('Gateway disconnected');
    expect(level()).toBe('down');
    socket.fireManager('reconnect_attempt', 3);
    expect(text()).toBe('Gateway disconnected · reconnecting, attempt 3…');
  });

  it('does not show stale upstream health after a reconnect until the gateway reports again', () => {
    const { text } = render();
    socket.fire('connect');
    socket.fire('health', health('up', 'up'));
    socket.fire('disconnect');
    socket.fire('connect');
    expect(text()).toBe('Gateway connected');
    socket.fire('health', health('up', 'down'));
    expect(text()).toBe('Gateway connected · dialer up · Salesforce down');
  });

  it('comes back by itself when the gateway closed the link, as it does when a session ends (issue 16 §2.6)', () => {
    jest.useFakeTimers();
    try {
      const { text } = render();
      socket.fire('connect');
      // socket.io does not reconnect after "io server disconnect" on its own.
      socket.fire('disconnect', 'io server disconnect');
      expect(text()).toBe('Gateway disconnected');
      jest.advanceTimersByTime(1000);
      expect(socket.connects).toBe(1);
      socket.fire('connect');
      expect(text()).toBe('Gateway connected');
    } finally {
      jest.useRealTimers();
    }
  });

  it('ignores malformed health messages', () => {
    const { text } = render();
    socket.fire('connect');
    socket.fire('health', { nonsense: true });
    expect(text()).toBe('Gateway connected');
  });

  it('speaks Spanish when the agent chooses it', () => {
    const { text } = render();
    socket.fire('connect');
    socket.fire('health', health('up', 'up'));
    TestBed.inject(I18n).use('es');
    expect(text()).toBe('Gateway conectado · discador activo · Salesforce activo');
  });
});
