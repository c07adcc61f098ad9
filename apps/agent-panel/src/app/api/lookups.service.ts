import { Injectable, inject } from '@angular/core';
import type {
  BreakStateDto,
  CampaignDto,
  CategoryDto,
  CrmSearchItem,
  PanelConfig,
  PanelSettings,
  SalesforceSettings,
  QueueDto,
  TransferNumberDto,
  UserDto,
} from '@puente/contracts';
import { ApiClient } from './api-client.service';

const items = <T>(answer: Promise<{ items: T[] }>) => answer.then((a) => a.items);

/** What the panel lists (A2, A3, B4, C5) and the panel's own set-up (C6, F1). */
@Injectable({ providedIn: 'root' })
export class Lookups {
  private readonly api = inject(ApiClient);

  campaigns(): Promise<CampaignDto[]> {
    return items(this.api.get('/campaigns'));
  }
  transferNumbers(campaignId: string): Promise<TransferNumberDto[]> {
    return items(this.api.get(`/campaigns/${encodeURIComponent(campaignId)}/transfer-numbers`));
  }
  breakStates(): Promise<BreakStateDto[]> {
    return items(this.api.get('/break-states'));
  }
  users(): Promise<UserDto[]> {
    return items(this.api.get('/users'));
  }
  queues(): Promise<QueueDto[]> {
    return items(this.api.get('/queues'));
  }
  categories(crmId: string): Promise<CategoryDto[]> {
    return items(this.api.get(`/crms/${encodeURIComponent(crmId)}/categories`));
  }
  /** Salesforce records by name, number or e-mail (C10); the gateway bounds the answer to 20. */
  searchCrm(text: string): Promise<CrmSearchItem[]> {
    return items(this.api.get(`/crm/search?q=${encodeURIComponent(text)}`));
  }
  config(): Promise<PanelConfig> {
    return this.api.get('/config');
  }
  /** What Open CTI gave the panel (issue 17 §2); answers the options now in force for this session. */
  sendSalesforceSettings(body: SalesforceSettings): Promise<PanelConfig> {
    return this.api.request('PUT', '/session/salesforce-settings', { body });
  }
  settings(): Promise<PanelSettings> {
    return this.api.get('/me/settings');
  }
  saveSettings(settings: PanelSettings): Promise<PanelSettings> {
    return this.api.request('PUT', '/me/settings', { body: settings });
  }
}
