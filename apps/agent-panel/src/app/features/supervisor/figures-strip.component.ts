import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import type { AgentActivity, ScopeFigures } from '@puente/contracts';
import { formatDuration } from '../../core/duration.util';
import { I18n } from '../../core/i18n/i18n.service';
import { ACTIVITY_VIEW } from '../../state/agent-view.util';
import { percent } from './board.util';

/** The states worth a count on a card, in floor order; the rest add nothing at a glance. */
const COUNTED: readonly AgentActivity[] = ['available', 'talking', 'wrap_up', 'paused', 'idle'];

/**
 * E3 at a glance: one card per campaign and queue with calls waiting and the
 * longest wait, answered, abandoned and its rate, service level, AHT, agents
 * by state and the dialer's pace. The gateway computes them from events; the
 * panel only shows them. Choosing a card narrows the board to its agents.
 */
@Component({
  selector: 'pu-figures-strip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="strip" [attr.aria-label]="t('supervisor.figures.title')" data-testid="figures-strip">
      @for (f of figures(); track f.kind + ':' + f.id) {
        <button
          type="button"
          class="card"
          [attr.aria-pressed]="active() === f.kind + ':' + f.id"
          [title]="t('supervisor.figures.filter', { name: f.name })"
          (click)="choose.emit(f)"
          [attr.data-testid]="'figures-' + f.kind + '-' + f.id"
        >
          <span class="head">
            <span class="kind">{{
              t(f.kind === 'campaign' ? 'supervisor.figures.campaign' : 'supervisor.figures.queue')
            }}</span>
            <span class="name">{{ f.name }}</span>
          </span>
          <dl>
            <div>
              <dt>{{ t('supervisor.figures.waiting') }}</dt>
              <dd data-testid="fig-waiting">{{ f.callsWaiting ?? '—' }}</dd>
            </div>
            <div>
              <dt>{{ t('supervisor.figures.longestWait') }}</dt>
              <dd>{{ f.longestWaitSeconds === null ? '—' : duration(f.longestWaitSeconds) }}</dd>
            </div>
            <div>
              <dt>{{ t('supervisor.figures.answered') }}</dt>
              <dd data-testid="fig-answered">{{ f.answered }}</dd>
            </div>
            <div>
              <dt>{{ t('supervisor.figures.abandoned') }}</dt>
              <dd>
                {{ f.abandoned }} <small>({{ pct(f.abandonRate) }})</small>
              </dd>
            </div>
            <div>
              <dt>
                {{ t('supervisor.figures.serviceLevel', { seconds: f.serviceLevel.thresholdSeconds }) }}
              </dt>
              <dd>{{ pct(f.serviceLevel.rate) }}</dd>
            </div>
            <div>
              <dt>{{ t('supervisor.figures.aht') }}</dt>
              <dd>{{ f.averageHandleSeconds === null ? '—' : duration(f.averageHandleSeconds) }}</dd>
            </div>
            @if (f.pace; as pace) {
              <div>
                <dt>{{ t('supervisor.figures.pace') }}</dt>
                <dd>
                  {{
                    t('supervisor.figures.paceValue', {
                      level: pace.dialLevel.toFixed(1),
                      lines: pace.linesDialing,
                    })
                  }}
                </dd>
              </div>
            }
          </dl>
          <span class="states" [attr.aria-label]="t('supervisor.figures.agents')">
            @for (a of counted; track a) {
              @if (f.agentsByState[a]) {
                <span class="pu-pill" [attr.data-tone]="view[a].tone"
                  >{{ t(view[a].key) }} {{ f.agentsByState[a] }}</span
                >
              }
            }
          </span>
        </button>
      } @empty {
        <p class="none">{{ t('supervisor.figures.none') }}</p>
      }
    </section>
  `,
  styles: `
    /* One line of cards that scrolls sideways, never taller than a few rows of agents. */
    .strip {
      display: flex;
      gap: 0.375rem;
      padding: 0.375rem 0.5rem;
      overflow-x: auto;
      background: var(--pu-page);
      border-bottom: 1px solid var(--pu-border);
    }
    .none {
      margin: 0;
      font-size: 0.75rem;
      color: var(--pu-text-muted);
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
      flex: 0 0 auto;
      min-width: 13rem;
      padding: 0.3rem 0.5rem;
      font: inherit;
      text-align: left;
      color: var(--pu-text);
      background: var(--pu-surface);
      border: 1px solid var(--pu-border);
      border-left: 3px solid var(--pu-primary);
      border-radius: var(--pu-radius);
      cursor: pointer;
    }
    .card[aria-pressed='true'] {
      border-color: var(--pu-primary);
      box-shadow: inset 0 0 0 1px var(--pu-primary);
    }
    .head {
      display: flex;
      gap: 0.4rem;
      align-items: baseline;
      min-width: 0;
    }
    .kind {
      font-size: 0.625rem;
      font-weight: 700;
      color: var(--pu-text-muted);
      text-transform: uppercase;
    }
    .name {
      font-weight: 700;
      font-size: 0.8125rem;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    dl {
      display: grid;
      grid-template-columns: repeat(4, auto);
      gap: 0.05rem 0.6rem;
      margin: 0;
    }
    dt {
      font-size: 0.625rem;
      color: var(--pu-text-muted);
      white-space: nowrap;
    }
    dd {
      margin: 0;
      font-weight: 700;
      font-size: 0.8125rem;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    small {
      font-weight: 400;
      color: var(--pu-text-muted);
    }
    .states {
      display: flex;
      flex-wrap: wrap;
      gap: 0.2rem;
    }
    .states .pu-pill {
      font-size: 0.625rem;
      padding: 0 0.35rem;
    }
    /* The full page: the cards share the width and wrap. */
    @container board (min-width: 880px) {
      .strip {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(21rem, 1fr));
        overflow-x: visible;
        padding: 0.5rem 0.75rem;
      }
    }
  `,
})
export class FiguresStrip {
  readonly figures = input.required<readonly ScopeFigures[]>();
  /** `kind:id` of the card the board is narrowed to. */
  readonly active = input<string | null>(null);
  readonly choose = output<ScopeFigures>();
  protected readonly t = inject(I18n).t;
  protected readonly counted = COUNTED;
  protected readonly view = ACTIVITY_VIEW;
  protected readonly pct = percent;
  protected readonly duration = formatDuration;
}
