import type { AgentState } from '@puente/contracts';
import type { NeoEvent, NeoPosition } from '@puente/neoapi';
import type { AgentFeed, DialerCursor, DialerSession, DialerSnapshot, DialerUpdate } from '../dialer.types';
import { toDialerError } from './neo-errors';
import type { NeoApiLink } from './neoapi-connection';
import { translateNeoEvent } from './neo-translation';
import { type CampaignInfo, positionToEvents } from './position-diff';

/**
 * One agent's NeoApi session, followed: Position read as a snapshot (the diff
 * against our state is position-diff's), the push stream translated event by
 * event. A Position names the agent's campaign by id only: the names come
 * from the stream's CampaignJoined or from Get_Campaigns, kept per agent.
 */
export class NeoApiAgentFeed implements AgentFeed {
  private readonly campaigns = new Map<string, CampaignInfo>();

  constructor(
    private readonly link: NeoApiLink,
    private readonly session: DialerSession,
    readonly agentId: string,
  ) {}

  async snapshot(): Promise<DialerSnapshot> {
    let position: NeoPosition;
    try {
      position = await this.link.call('Position', {}, this.session);
    } catch (error) {
      throw toDialerError(error);
    }
    const campaignId = position.agent.campaignId;
    if (campaignId && !this.campaigns.has(campaignId)) await this.loadCampaigns();
    return this.snapshotOf(position, position.seq);
  }

  follow(
    from: Pick<DialerCursor, 'seq' | 'epoch'>,
    signal: AbortSignal,
    onUpdate: (update: DialerUpdate) => void,
  ): Promise<void> {
    // Not an async function: its frame would stay suspended for the agent's whole shift.
    return this.link
      .follow(this.session, { after: from.seq, epoch: from.epoch ?? undefined, signal }, (event) =>
        onUpdate(this.translate(event)),
      )
      .catch((error: unknown) => {
        throw toDialerError(error);
      });
  }

  private translate(event: NeoEvent): DialerUpdate {
    if (event.type === 'Resync')
      return { kind: 'resync', snapshot: this.snapshotOf(event.data.position, event.seq) };
    if (event.type === 'CampaignJoined') {
      const c = event.data.campaign;
      this.campaigns.set(c.id, { name: c.name, dialerMode: c.dialerMode });
    }
    return {
      kind: 'events',
      seq: event.seq,
      events: translateNeoEvent(event),
      ...(event.type === 'LoggedOut' ? { loggedOut: event.data.reason } : {}),
    };
  }

  private snapshotOf(position: NeoPosition, seq: number): DialerSnapshot {
    return {
      cursor: { seq, epoch: position.dialer?.epoch ?? null, instanceId: position.dialer?.instanceId ?? null },
      eventsFor: (state: AgentState) => positionToEvents(state, position, this.campaigns),
    };
  }

  private async loadCampaigns(): Promise<void> {
    try {
      const { campaigns } = await this.link.call('Get_Campaigns', {}, this.session);
      for (const c of campaigns) this.campaigns.set(c.id, { name: c.name, dialerMode: c.dialerMode });
    } catch {
      // Names are cosmetic here; the id stands in until the next attempt.
    }
  }
}
