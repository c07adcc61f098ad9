import {
  NeoApiError,
  type NeoCampaign,
  type NeoMethodName,
  type NeoParsedRequest,
  type NeoResponse,
} from '@puente/neoapi';
import type { StoredCampaign } from '../store/dialer-store';
import { StoreError } from '../store/dialer-store';
import type { CallFlow } from './call-flow';
import type { Inbound } from './inbound';
import type { Router } from './router';
import type { AgentRuntime } from './runtime';
import type { World } from './world';

/** What every command module works with. */
export interface EngineParts {
  world: World;
  flow: CallFlow;
  router: Router;
  inbound: Inbound;
}

export type Handler<M extends NeoMethodName> = (
  request: NeoParsedRequest<M>,
  agent: AgentRuntime,
) => Promise<NeoResponse<M>> | NeoResponse<M>;

export type Handlers<K extends NeoMethodName> = { [M in K]: Handler<M> };

export function fail(code: NeoApiError['code'], message: string, details?: Record<string, unknown>): never {
  throw new NeoApiError(code, message, details);
}

/** The database's refusals in the webservice's words. */
export function storeErrorToNeo(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error;
  if (error.code === 'INVALID_INPUT') return new NeoApiError('VALIDATION_FAILED', error.message);
  return new NeoApiError('NOT_FOUND', error.message);
}

export async function viaStore<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw storeErrorToNeo(error);
  }
}

export function toNeoCampaign(c: StoredCampaign): NeoCampaign {
  return {
    id: c.id,
    name: c.name,
    dialerMode: c.dialerMode,
    crmId: c.crmId,
    baseId: c.databaseId,
    active: c.active,
    maxAbandonRate: c.maxAbandonRate,
  };
}

/** Ends wrap-up: counts the after-call work into the figures and makes the agent ready (A4). */
export function finishWrapUp(world: World, agent: AgentRuntime): void {
  const wrap = world.wrapUps.get(agent.user.id);
  if (wrap) {
    world.wrapUps.delete(agent.user.id);
    const stats = wrap.campaignId ? world.campaignStats.get(wrap.campaignId) : undefined;
    if (stats) stats.wrapMs += world.clock.now() - wrap.startedAt;
  }
  world.becomeReady(agent);
}

/** Takes the contact off the agent's screen and says so on the stream. */
export function releaseFromScreen(
  world: World,
  agent: AgentRuntime,
  outcome: { categoryId: string | null; subcategoryId: string | null; scheduledFor: string | null },
): void {
  const contactId = agent.contact?.contactId;
  if (!contactId) return;
  agent.contact = null;
  world.events.emit(agent.user.id, 'ContactReleased', { contactId, ...outcome });
}
