import { ChangeDetectionStrategy, Component, computed, inject, signal, type OnInit } from '@angular/core';
import type { BreakStateDto } from '@puente/contracts';
import { toPanelError } from '../../api/api-error';
import { Commands } from '../../api/commands.service';
import { Lookups } from '../../api/lookups.service';
import { formatDuration } from '../../core/duration.util';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { AgentStore } from '../../state/agent.store';
import { Icon } from '../../ui/icon.component';

/**
 * A3, A4: every break state of the platform (system and custom); choosing
 * one pauses the agent, leaving it unpauses; time in state, with the
 * state's limit when it has one. Also Play (ready) and Not ready.
 */
@Component({
  selector: 'pu-breaks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <div class="pu-view">
      <h2 class="pu-view-title">{{ t('breaks.title') }}</h2>
      @if (store.activity() === 'paused') {
        <div class="current" [attr.data-over]="over()" data-testid="current-break">
          <pu-icon name="coffee" />
          <span class="pu-grow">
            <strong>{{ store.breakState()?.name }}</strong>
            <span class="tabular"> · {{ elapsed() }}</span>
            @if (limit(); as max) {
              <span class="pu-hint"> / {{ max }}</span>
            }
          </span>
          <button
            type="button"
            class="pu-btn pu-btn--primary"
            (click)="unpause()"
            [disabled]="notifier.pending('unpause')"
          >
            {{ t('breaks.leave') }}
          </button>
        </div>
      } @else {
        <div class="pu-row">
          <button
            type="button"
            class="pu-btn pu-btn--success"
            (click)="ready()"
            [disabled]="!canReady() || notifier.pending('ready')"
          >
            <pu-icon name="play" [size]="16" />{{ t('agent.ready') }}
          </button>
          <button
            type="button"
            class="pu-btn"
            (click)="unavailable()"
            [disabled]="!canNotReady() || notifier.pending('unavailable')"
          >
            {{ t('agent.notReady') }}
          </button>
        </div>
      }
      @if (store.liveCall()) {
        <p class="pu-hint">{{ t('breaks.duringCall') }}</p>
      }
      @if (loading()) {
        <p class="pu-hint">{{ t('common.loading') }}</p>
      } @else if (states().length === 0) {
        <p class="pu-empty">{{ t('breaks.none') }}</p>
      } @else {
        <ul class="pu-list" data-testid="break-states">
          @for (b of states(); track b.id) {
            <li>
              <button
                type="button"
                class="choice"
                [attr.aria-pressed]="store.breakState()?.id === b.id"
                [disabled]="notifier.pending('pause')"
                (click)="pause(b)"
              >
                <span class="pu-grow">{{ b.name }}</span>
                @if (b.system) {
                  <span class="pu-hint">{{ t('breaks.system') }}</span>
                }
                @if (b.maxSeconds > 0) {
                  <span class="pu-hint tabular">{{ format(b.maxSeconds) }}</span>
                }
              </button>
            </li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .current {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.5rem 0.625rem;
      font-size: 0.875rem;
      color: var(--pu-state-paused-fg);
      background: var(--pu-state-paused-bg);
      border-radius: var(--pu-radius);
    }
    .current[data-over='true'] {
      color: var(--pu-danger-text);
      background: var(--pu-danger-surface);
    }
    .pu-list li {
      padding: 0;
    }
    .choice {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      width: 100%;
      min-height: 2.5rem;
      padding: 0.25rem 0.625rem;
      font: inherit;
      font-size: 0.875rem;
      text-align: left;
      color: var(--pu-text);
      background: transparent;
      border: 0;
      cursor: pointer;
    }
    .choice:hover {
      background: var(--pu-surface-muted);
    }
    .choice[aria-pressed='true'] {
      font-weight: 700;
      color: var(--pu-state-paused-fg);
      background: var(--pu-state-paused-bg);
    }
  `,
})
export class Breaks implements OnInit {
  protected readonly store = inject(AgentStore);
  protected readonly notifier = inject(Notifier);
  private readonly commands = inject(Commands);
  private readonly lookups = inject(Lookups);
  protected readonly t = inject(I18n).t;
  protected readonly format = formatDuration;

  protected readonly states = signal<readonly BreakStateDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly elapsed = computed(() => formatDuration(this.store.timeInState()));
  private readonly current = computed(() => this.states().find((b) => b.id === this.store.breakState()?.id));
  protected readonly limit = computed(() => {
    const max = this.current()?.maxSeconds ?? 0;
    return max > 0 ? formatDuration(max) : null;
  });
  protected readonly over = computed(() => {
    const max = this.current()?.maxSeconds ?? 0;
    return max > 0 && this.store.timeInState() > max;
  });
  protected readonly canReady = computed(
    () => ['idle', 'wrap_up'].includes(this.store.activity()) && !this.store.contact(),
  );
  /** An Available agent stops calls without taking a break (issue 16 §2.7); so does one in wrap-up. */
  protected readonly canNotReady = computed(
    () => ['available', 'wrap_up'].includes(this.store.activity()) && !this.store.contact(),
  );

  async ngOnInit(): Promise<void> {
    try {
      this.states.set(await this.lookups.breakStates());
    } catch (error) {
      this.notifier.error(toPanelError(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected pause(b: BreakStateDto): void {
    void this.notifier.run('pause', () => this.commands.pause(b.id));
  }
  protected unpause(): void {
    void this.notifier.run('unpause', () => this.commands.unpause());
  }
  protected ready(): void {
    void this.notifier.run('ready', () => this.commands.ready());
  }
  protected unavailable(): void {
    void this.notifier.run('unavailable', () => this.commands.unavailable());
  }
}
