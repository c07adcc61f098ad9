import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { BoardRow, MonitorMode } from '@puente/contracts';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { SessionService } from '../../session/session.service';
import { BoardStore } from './board.store';

const MODES: readonly { mode: MonitorMode; label: MessageKey; hint: MessageKey }[] = [
  { mode: 'listen', label: 'supervisor.mode.listen', hint: 'supervisor.mode.listenHint' },
  { mode: 'assist', label: 'supervisor.mode.assist', hint: 'supervisor.mode.assistHint' },
  { mode: 'barge', label: 'supervisor.mode.barge', hint: 'supervisor.mode.bargeHint' },
];

/**
 * E2: Listen (Escuchar), Assist (Asistir), Barge (Intervenir) and End (Fin)
 * for the chosen agent. The current mode is the pressed button; choosing
 * another mode on the same agent switches without dropping (the gateway
 * sends Monitor_Mode). Buttons the gateway would refuse are disabled with the
 * reason in words, but the gateway still decides (E4).
 */
@Component({
  selector: 'pu-monitor-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="bar" [attr.aria-label]="t('supervisor.monitor.region')" data-testid="monitor-bar">
      <div class="who">
        @if (current(); as c) {
          <strong data-testid="monitor-current" [attr.data-mode]="c.mode">
            {{ t('supervisor.monitor.current', { name: c.name, mode: t(modeLabel(c.mode)) }) }}
          </strong>
        }
        @if (row(); as r) {
          <span data-testid="monitor-target" [hidden]="pressed() !== null">{{
            r.displayName || r.user
          }}</span>
          @if (reason(); as why) {
            <span class="muted">{{ t(why) }}</span>
          }
        } @else if (!current()) {
          <span class="muted hint">{{ t('supervisor.monitor.pick') }}</span>
        }
      </div>
      <div class="actions">
        @for (m of modes; track m.mode) {
          <button
            type="button"
            class="pu-btn"
            [attr.aria-pressed]="pressed() === m.mode"
            [disabled]="!canMonitor() || store.busy()"
            [title]="t(m.hint)"
            (click)="monitor(m.mode)"
            [attr.data-testid]="'monitor-' + m.mode"
          >
            {{ t(m.label) }}
          </button>
        }
        <button
          type="button"
          class="pu-btn pu-btn--danger"
          [disabled]="!store.monitoring() || store.busy()"
          (click)="store.end()"
          data-testid="monitor-end"
        >
          {{ t('supervisor.mode.end') }}
        </button>
      </div>
    </section>
  `,
  styles: `
    /* One line at 620 px: who, then the four buttons; at 340 px the buttons take a line of their own. */
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      padding: 0.3rem 0.5rem;
      background: var(--pu-surface);
      border-top: 1px solid var(--pu-border);
    }
    .who {
      display: flex;
      align-items: baseline;
      gap: 0.5rem;
      flex: 1 1 8rem;
      min-width: 0;
      overflow: hidden;
      font-size: 0.8125rem;
      white-space: nowrap;
    }
    .who > * {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .muted {
      color: var(--pu-text-muted);
      font-size: 0.75rem;
    }
    .actions {
      display: flex;
      gap: 0.25rem;
      margin-left: auto;
    }
    .actions .pu-btn {
      min-height: 1.75rem;
      padding: 0 0.55rem;
      font-size: 0.8125rem;
    }
    @container board (max-width: 479px) {
      .who:has(.hint) {
        display: none;
      }
      .actions {
        flex: 1 1 100%;
      }
      .actions .pu-btn {
        flex: 1 1 0;
        padding: 0 0.25rem;
      }
    }
  `,
})
export class MonitorBar {
  /** The agent picked on the board (null: none). */
  readonly row = input<BoardRow | null>(null);
  /** Every row, to name the monitored agent when it is not the picked one. */
  readonly rows = input<readonly BoardRow[]>([]);
  protected readonly store = inject(BoardStore);
  protected readonly t = inject(I18n).t;
  private readonly me = inject(SessionService).agent;
  protected readonly modes = MODES;

  protected readonly current = computed(() => {
    const m = this.store.monitoring();
    if (!m) return null;
    const target = this.rows().find((r) => r.agentId === m.targetAgentId);
    return { mode: m.mode, name: target ? target.displayName || target.user : m.targetAgentId };
  });

  /** The mode shown pressed: the one in use on the picked agent. */
  protected readonly pressed = computed(() => {
    const m = this.store.monitoring();
    return m && m.targetAgentId === this.row()?.agentId ? m.mode : null;
  });

  /** Why the picked agent cannot be monitored now (null: they can). */
  protected readonly reason = computed<MessageKey | null>(() => {
    const r = this.row();
    if (!r) return null;
    const mine = this.store.monitoring()?.targetAgentId === r.agentId;
    if (r.monitoredBy && r.monitoredBy.supervisorId !== this.me()?.agentId && !mine)
      return 'supervisor.monitor.byOther';
    if (!r.call && !mine) return 'supervisor.monitor.noCall';
    return null;
  });

  protected readonly canMonitor = computed(() => !!this.row() && this.reason() === null);

  protected modeLabel(mode: MonitorMode): MessageKey {
    return MODES.find((m) => m.mode === mode)?.label ?? 'supervisor.mode.listen';
  }

  protected monitor(mode: MonitorMode): void {
    const r = this.row();
    if (r) void this.store.monitor(r.agentId, mode);
  }
}
