import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { BoardRow, BoardSnapshot } from '@puente/contracts';
import { SOCKET_FACTORY } from '../../connection/socket-factory';
import { I18n } from '../../core/i18n/i18n.service';
import { RUNTIME_CONFIG } from '../../core/runtime-config';
import { OpenCti } from '../../cti/open-cti.service';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { boardRow, FakeSocket } from './board.testing';
import { SupervisorBoard } from './supervisor-board.component';

function snapshot(rows: BoardRow[], version = 1): BoardSnapshot {
  return {
    version,
    serverTime: new Date().toISOString(),
    scope: { all: false, campaignIds: ['1', '2', '3'], queueIds: [] },
    rows,
  };
}

describe('SupervisorBoard', () => {
  let socket: FakeSocket;

  let cti: { popUrl: jest.Mock<Promise<boolean>, [string]> };
  let remembered: boolean[];

  function render(inHost = true) {
    socket = new FakeSocket();
    cti = { popUrl: jest.fn(async (_url: string) => inHost) };
    remembered = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: RUNTIME_CONFIG,
          useValue: { gatewayUrl: 'http://gw.test', gatewayOrigins: ['http://gw.test'] },
        },
        { provide: SOCKET_FACTORY, useValue: (url: string) => ((socket.url = url), socket) },
        { provide: OpenCti, useValue: cti },
      ],
    });
    const prefs = TestBed.inject(PanelPrefs);
    prefs.rememberBoardFigures = async (folded: boolean) => void remembered.push(folded);
    TestBed.inject(I18n).use('en');
    const fixture = TestBed.createComponent(SupervisorBoard);
    const el = fixture.nativeElement as HTMLElement;
    const text = (id: string) => {
      fixture.detectChanges();
      return el.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    };
    const rowCount = () => {
      fixture.detectChanges();
      return el.querySelectorAll('[data-testid^="board-row-"]').length;
    };
    fixture.detectChanges();
    return { fixture, el, text, rowCount };
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('connects to the supervisors namespace and shows the snapshot, then folds deltas', () => {
    const { text } = render();
    expect(socket.url).toBe('http://gw.test/supervisors');
    socket.fire('connect');
    socket.fire(
      'board.snapshot',
      snapshot([boardRow(1), boardRow(2, { activity: 'paused', breakState: { id: '1', name: 'Descanso' } })]),
    );
    expect(text('board-count')).toBe('2 of 2 agents');
    expect(text('board-link')).toBe('Live');
    expect(text('board-row-agent0002')).toContain('Descanso');
    socket.fire('board.delta', {
      version: 3,
      rows: [
        boardRow(1, {
          activity: 'talking',
          call: {
            callId: 'c1',
            direction: 'inbound',
            status: 'talking',
            party: '+5491155550000',
            startedAt: new Date().toISOString(),
            answeredAt: null,
          },
        }),
      ],
      removed: ['a0002'],
    });
    expect(text('board-count')).toBe('1 of 1 agents');
    expect(text('board-row-agent0001')).toContain('+5491155550000');
    // A stale delta (version not above the board's) changes nothing.
    socket.fire('board.delta', { version: 2, rows: [boardRow(9)], removed: [] });
    expect(text('board-count')).toBe('1 of 1 agents');
  });

  it('replaces the board with the snapshot a reconnect brings', () => {
    const { text } = render();
    socket.fire('board.snapshot', snapshot([boardRow(1), boardRow(2)], 5));
    socket.fire('disconnect', 'transport close');
    expect(text('board-link')).toContain('Reconnecting');
    socket.fire('connect');
    socket.fire('board.snapshot', snapshot([boardRow(3)], 2));
    expect(text('board-count')).toBe('1 of 1 agents');
    expect(text('board-row-agent0003')).toContain('Agent 0003');
  });

  it('stops and says so when the gateway refuses a non-supervisor', () => {
    const { text } = render();
    socket.fire('connect_error', Object.assign(new Error('forbidden'), { data: { code: 'FORBIDDEN' } }));
    expect(text('board-forbidden')).toBe('Only supervisors and admins can open the board.');
    expect(socket.closed).toBe(true);
  });

  it('a node without its Redis refuses the board: it says reconnecting and tries again by itself (issue 18)', () => {
    jest.useFakeTimers();
    try {
      const { text } = render();
      socket.active = false;
      socket.fire(
        'connect_error',
        Object.assign(new Error('REDIS_UNAVAILABLE'), { data: { code: 'REDIS_UNAVAILABLE' } }),
      );
      expect(text('board-link')).toContain('Reconnecting');
      jest.advanceTimersByTime(2000);
      expect(socket.connects).toBe(1);
      expect(socket.closed).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  it('renders only the rows in view, however many agents there are', () => {
    const { rowCount } = render();
    socket.fire('board.snapshot', snapshot(Array.from({ length: 500 }, (_, i) => boardRow(i + 1))));
    const rendered = rowCount();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(60);
  });

  it('folds a delta into a 2,000-agent board and renders it in a few milliseconds', () => {
    const { fixture } = render();
    const rows = Array.from({ length: 2000 }, (_, i) => boardRow(i + 1));
    socket.fire('board.snapshot', snapshot(rows));
    fixture.detectChanges();
    const started = performance.now();
    const deltas = 200;
    for (let v = 2; v < deltas + 2; v++) {
      const n = (v * 7) % 2000;
      socket.fire('board.delta', {
        version: v,
        rows: [boardRow(n + 1, { activity: v % 2 ? 'talking' : 'available' })],
        removed: [],
      });
      fixture.detectChanges();
    }
    const perDelta = (performance.now() - started) / deltas;
    // Measured about 1.5 ms per delta (fold + filter + sort + render) on the shared CI box; the bound is loose on purpose.
    expect(perDelta).toBeLessThan(50);
  });

  it('filters by state and sorts by a column', () => {
    const { el, text, fixture } = render();
    socket.fire(
      'board.snapshot',
      snapshot([boardRow(1), boardRow(2, { activity: 'talking' }), boardRow(3, { activity: 'paused' })]),
    );
    const get = <T extends HTMLElement>(id: string): T => {
      fixture.detectChanges();
      const found = el.querySelector<T>(`[data-testid="${id}"]`);
      if (!found) throw new Error(`no ${id}`);
      return found;
    };
    const select = get<HTMLSelectElement>('filter-state');
    select.value = 'talking';
    select.dispatchEvent(new Event('change'));
    expect(text('board-count')).toBe('1 of 3 agents');
    get('filter-clear').click();
    expect(text('board-count')).toBe('3 of 3 agents');
    get('sort-agent').click();
    get('sort-agent').click();
    fixture.detectChanges();
    const order = [...el.querySelectorAll('[data-testid^="board-row-"]')].map((r) =>
      r.getAttribute('data-testid'),
    );
    expect(order).toEqual(['board-row-agent0003', 'board-row-agent0002', 'board-row-agent0001']);
  });

  it('issue 16 §3: labels supervisors and filters agents from supervisors', () => {
    const { el, text, fixture } = render();
    socket.fire(
      'board.snapshot',
      snapshot([
        boardRow(1),
        boardRow(2, { role: 'supervisor', user: 'super01', displayName: 'Supervisora 01' }),
      ]),
    );
    expect(text('board-count')).toBe('2 of 2 agents');
    fixture.detectChanges();
    const roleOf = (user: string) =>
      el.querySelector(`[data-testid="board-row-${user}"] [data-testid="row-role"]`)?.textContent?.trim() ??
      null;
    expect(roleOf('super01')).toBe('Supervisor');
    expect(roleOf('agent0001')).toBeNull();
    const select = el.querySelector<HTMLSelectElement>('[data-testid="filter-role"]');
    if (!select) throw new Error('no role filter');
    select.value = 'agent';
    select.dispatchEvent(new Event('change'));
    expect(text('board-count')).toBe('1 of 2 agents');
    expect(el.querySelector('[data-testid="board-row-super01"]')).toBeNull();
    select.value = 'supervisor';
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="board-row-super01"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="board-row-agent0001"]')).toBeNull();
  });

  it('issue 16 §3: flags an agent who asked for help and says so when the request arrives', () => {
    const { el, fixture } = render();
    socket.fire(
      'board.snapshot',
      snapshot([
        boardRow(1, { help: { reason: 'cliente molesto', since: '2026-01-01T09:00:00.000Z' } }),
        boardRow(2),
      ]),
    );
    fixture.detectChanges();
    const flag = el.querySelector('[data-testid="board-row-agent0001"] [data-testid="row-help"]');
    expect(flag?.getAttribute('title')).toBe('cliente molesto');
    expect(el.querySelector('[data-testid="board-row-agent0002"] [data-testid="row-help"]')).toBeNull();
    socket.fire('help.requested', {
      agentId: 'a0001',
      user: 'agent0001',
      displayName: 'Agent 0001',
      callId: 'c1',
      reason: 'cliente molesto',
      at: '2026-01-01T09:00:00.000Z',
    });
    fixture.detectChanges();
    expect(el.textContent).toContain('Agent 0001 asks for help: cliente molesto');
  });

  it('issue 16 §1: folds the figures away and back, and has the choice remembered', () => {
    const { el, fixture } = render();
    const toggle = el.querySelector('[data-testid="figures-toggle"]') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(el.querySelector('[data-testid="figures-strip"]')).not.toBeNull();
    toggle.click();
    fixture.detectChanges();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(el.querySelector('[data-testid="figures-strip"]')).toBeNull();
    toggle.click();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="figures-strip"]')).not.toBeNull();
    expect(remembered).toEqual([true, false]);
  });

  it('issue 16 §1: opens the full-page board through Salesforce, with the gateway in use', async () => {
    const { el } = render();
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    (el.querySelector('[data-testid="board-open-tab"]') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(cti.popUrl).toHaveBeenCalledTimes(1);
    const url = new URL(cti.popUrl.mock.calls[0][0]);
    expect(url.origin).toBe(window.location.origin);
    expect(url.searchParams.get('view')).toBe('board');
    expect(url.searchParams.get('gateway')).toBe('http://gw.test');
    expect(open).not.toHaveBeenCalled();
    open.mockRestore();
  });

  it('issue 16 §1: outside Salesforce, opens the full-page board in a new browser tab', async () => {
    const { el } = render(false);
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    (el.querySelector('[data-testid="board-open-tab"]') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve));
    expect(open).toHaveBeenCalledWith(cti.popUrl.mock.calls[0][0], '_blank', 'noopener');
    open.mockRestore();
  });

  it('issue 16 §1: as the full page, has a heading and no button to open itself again', () => {
    const { el, fixture } = render();
    fixture.componentRef.setInput('fullPage', true);
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="board-open-tab"]')).toBeNull();
    expect(el.querySelector('h2')?.classList.contains('visually-hidden')).toBe(false);
  });
});
