import type { NeoCategory } from '@puente/neoapi';
import type { DialerEngine } from '../engine/dialer-engine';

/**
 * A simulated agent for `simulate` and the pacing tests: logs in, joins a
 * campaign, and after each call wraps up for a while (log-normal), categorises
 * the contact and presses Play, as a person at the desk would. It speaks the
 * same methods as the panel, in-process and inside the engine's lock (its
 * timers fire from the virtual clock).
 */
export class AgentBot {
  private token = '';
  calls = 0;

  constructor(
    private readonly engine: DialerEngine,
    readonly user: string,
    private readonly device: string,
  ) {}

  async start(campaignId: string, password = 'puente'): Promise<void> {
    const service = this.engine.service;
    const login = await service.call('Login', { user: this.user, device: this.device, password }, null);
    this.token = login.token;
    await service.call('Login_Campaign', { campaignId }, this.token);
    const crmId = this.engine.world.campaign(campaignId).crmId;
    const { categories } = await service.call('Get_Categories', { crmId }, this.token);
    const final = categories.filter((c) => !c.schedules);
    this.engine.world.events.subscribe(login.agent.agentId, (event) => {
      if (event.type === 'CallEnded') this.afterCall(final);
    });
  }

  private afterCall(categories: NeoCategory[]): void {
    this.calls += 1;
    const w = this.engine.world;
    const wrapMs = w.random.bots.logNormal(Math.max(1, w.rates.botWrapUpSecondsMean), 0.5) * 1000;
    w.after(wrapMs, async () => {
      const service = this.engine.service;
      const position = await service.call('Position', {}, this.token);
      if (position.agent.state !== 'wrap_up') return;
      const contact = position.contact;
      if (contact && categories.length > 0) {
        const category = w.random.bots.pick(categories);
        await service.call(
          'UpdateContact',
          {
            contactId: contact.contactId,
            categoryId: category.id,
            ...(category.subcategories[0] ? { subcategoryId: category.subcategories[0].id } : {}),
          },
          this.token,
        );
      }
      await service.call('CRM_Available', {}, this.token);
    });
  }
}
