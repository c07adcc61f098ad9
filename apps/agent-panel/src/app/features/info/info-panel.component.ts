import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { AgentStore } from '../../state/agent.store';
import { ContactSearch } from '../search/contact-search.component';

interface Row {
  key: MessageKey;
  value: string;
  testId: string;
}

/**
 * Contact search first (C10: what an agent comes here for during a call), then
 * C9 (INFORMACIÓN): last call id (0 once the call ends), contact id,
 * database id, CRM id and search key, with how Salesforce was searched;
 * and where the settings in force come from: Salesforce or the gateway's
 * file (issue 17 §2).
 */
@Component({
  selector: 'pu-info-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ContactSearch],
  template: `
    <div class="pu-view">
      <pu-contact-search />
      <h2 class="pu-view-title">{{ t('info.title') }}</h2>
      @if (!store.contact()) {
        <p class="pu-hint">{{ t('info.noContact') }}</p>
      }
      <dl class="rows">
        @for (row of rows(); track row.key) {
          <div class="row">
            <dt>{{ t(row.key) }}</dt>
            <dd class="tabular" [attr.data-testid]="row.testId">{{ row.value }}</dd>
          </div>
        }
      </dl>
      @if (prefs.config(); as config) {
        <h3>{{ t('info.settingsTitle') }}</h3>
        <dl class="rows" data-testid="settings-source">
          <div class="row">
            <dt>{{ t('info.callCenterSource') }}</dt>
            <dd data-testid="settings-source-call-center" [attr.data-source]="config.source.callCenter">
              {{
                config.source.callCenter === 'salesforce'
                  ? t('info.fromSalesforceCallCenter', { name: config.source.callCenterName ?? '' })
                  : t('info.fromGateway')
              }}
            </dd>
          </div>
          <div class="row">
            <dt>{{ t('info.layoutSource') }}</dt>
            <dd data-testid="settings-source-layout" [attr.data-source]="config.source.softphoneLayout">
              {{
                config.source.softphoneLayout === 'salesforce'
                  ? t('info.fromSalesforceLayout')
                  : t('info.fromGateway')
              }}
            </dd>
          </div>
        </dl>
        @if (!prefs.host().inSalesforce) {
          <p class="pu-hint">{{ t('info.standalone') }}</p>
        }
        @for (method of prefs.host().failed; track method) {
          <p class="pu-hint" role="status">{{ t('info.ctiFailed', { method }) }}</p>
        }
        @for (problem of config.source.problems; track problem.path) {
          <p class="pu-hint" data-testid="settings-problem">{{ t('info.notFollowed', problem) }}</p>
        }
      }
      @if (store.session(); as session) {
        <p class="pu-hint">
          {{ t('info.loggedInAs', { user: session.user, device: session.device }) }}
        </p>
      }
    </div>
  `,
  styles: `
    .rows {
      margin: 0;
      background: var(--pu-surface);
      border: 1px solid var(--pu-border);
      border-radius: var(--pu-radius);
    }
    .row {
      display: flex;
      justify-content: space-between;
      gap: 0.75rem;
      padding: 0.375rem 0.625rem;
      font-size: 0.8125rem;
      border-top: 1px solid var(--pu-border);
    }
    .row:first-child {
      border-top: 0;
    }
    dt {
      color: var(--pu-text-muted);
    }
    h3 {
      margin: 0.75rem 0 0.375rem;
      font-size: 0.8125rem;
    }
    dd {
      margin: 0;
      font-weight: 600;
      text-align: right;
      word-break: break-all;
    }
  `,
})
export class InfoPanel {
  protected readonly store = inject(AgentStore);
  protected readonly prefs = inject(PanelPrefs);
  protected readonly t = inject(I18n).t;

  protected readonly rows = computed<Row[]>(() => {
    const c = this.store.contact();
    const crm = this.store.crm();
    const dash = '—';
    const rows: Row[] = [
      { key: 'info.lastCallId', value: c?.lastCallId ?? '0', testId: 'info-last-call' },
      { key: 'info.contactId', value: c?.contactId || dash, testId: 'info-contact' },
      { key: 'info.databaseId', value: c?.databaseId || dash, testId: 'info-database' },
      { key: 'info.crmId', value: c?.crmId || dash, testId: 'info-crm' },
      { key: 'info.searchKey', value: c?.crmKey || dash, testId: 'info-search-key' },
    ];
    if (crm?.searchBy) {
      rows.push({
        key: 'info.searchBy',
        value: `${crm.searchBy}${crm.searchData ? ` = ${crm.searchData}` : ''}`,
        testId: 'info-search-by',
      });
    }
    if (c?.phoneNumber) rows.push({ key: 'info.phone', value: c.phoneNumber, testId: 'info-phone' });
    return rows;
  });
}
