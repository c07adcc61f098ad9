import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import type { CampaignDto } from '@puente/contracts';
import { toPanelError } from '../../api/api-error';
import { Commands } from '../../api/commands.service';
import { Lookups } from '../../api/lookups.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { AgentStore } from '../../state/agent.store';
import { DIALER_MODE } from '../../state/agent-view.util';

/** A2: the outbound campaigns the agent may join; join one (Login_Campaign), leave it (Logout_Campaign). */
@Component({
  selector: 'pu-campaigns',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="pu-view">
      <h2 class="pu-view-title">{{ t('campaigns.title') }}</h2>
      @if (store.campaign(); as current) {
        <p class="pu-notice" data-testid="current-campaign">
          {{
            t('campaigns.in', { name: current.id + ' - ' + current.name, mode: t(modes[current.dialerMode]) })
          }}
        </p>
      } @else {
        <p class="pu-hint">{{ t('campaigns.none') }}</p>
      }
      @if (loading()) {
        <p class="pu-hint">{{ t('common.loading') }}</p>
      } @else if (campaigns().length === 0) {
        <p class="pu-empty">{{ t('campaigns.empty') }}</p>
      } @else {
        <ul class="pu-list" data-testid="campaign-list">
          @for (c of campaigns(); track c.id) {
            <li [attr.data-current]="store.campaign()?.id === c.id">
              <span class="pu-grow">
                <span class="name">{{ c.id }} - {{ c.name }}</span>
                <span class="pu-hint">{{ t(modes[c.dialerMode]) }}</span>
              </span>
              @if (store.campaign()?.id === c.id) {
                <button
                  type="button"
                  class="pu-btn"
                  (click)="leave(c)"
                  [disabled]="notifier.pending('campaign')"
                  [attr.aria-label]="t('campaigns.leaveNamed', { name: c.name })"
                >
                  {{ t('campaigns.leave') }}
                </button>
              } @else {
                <button
                  type="button"
                  class="pu-btn pu-btn--primary"
                  (click)="join(c)"
                  [disabled]="notifier.pending('campaign')"
                  [attr.aria-label]="t('campaigns.joinNamed', { name: c.name })"
                >
                  {{ t('campaigns.join') }}
                </button>
              }
            </li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .name {
      display: block;
      overflow: hidden;
      font-weight: 600;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    li[data-current='true'] {
      background: var(--pu-primary-surface);
    }
  `,
})
export class Campaigns implements OnInit {
  protected readonly store = inject(AgentStore);
  protected readonly notifier = inject(Notifier);
  private readonly commands = inject(Commands);
  private readonly lookups = inject(Lookups);
  protected readonly t = inject(I18n).t;
  protected readonly modes = DIALER_MODE;

  protected readonly campaigns = signal<readonly CampaignDto[]>([]);
  protected readonly loading = signal(true);

  async ngOnInit(): Promise<void> {
    try {
      this.campaigns.set(await this.lookups.campaigns());
    } catch (error) {
      this.notifier.error(toPanelError(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected join(c: CampaignDto): void {
    void this.notifier.run('campaign', () => this.commands.joinCampaign(c.id));
  }
  protected leave(c: CampaignDto): void {
    void this.notifier.run('campaign', () => this.commands.leaveCampaign(c.id));
  }
}
