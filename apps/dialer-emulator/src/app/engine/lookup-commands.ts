import type { NeoQueue } from '@puente/neoapi';
import { liveFigures } from './figures';
import { type EngineParts, fail, type Handlers, toNeoCampaign, viaStore } from './handlers';
import { toNeoContact } from './runtime';

/** The look-ups the panel needs (A2, A3, B4, C5, B6, E1). */
export function lookupHandlers(
  parts: EngineParts,
): Handlers<
  | 'Get_Campaigns'
  | 'Get_BreakStates'
  | 'Get_TransferNumbers'
  | 'Get_Users'
  | 'Get_Queues'
  | 'Get_Categories'
  | 'Get_ContactByKey'
  | 'Get_Agents'
  | 'Get_Figures'
> {
  const w = parts.world;
  return {
    Get_Campaigns: (_req, agent) => ({
      campaigns: [...w.campaigns.values()]
        .filter((c) => agent.user.roles.includes('admin') || c.userIds.includes(agent.user.id))
        .map(toNeoCampaign),
    }),
    Get_BreakStates: () => ({ breakStates: w.directory.breakStates }),
    Get_TransferNumbers: async ({ campaignId }) => {
      w.campaign(campaignId);
      return { numbers: await viaStore(w.store.transferNumbers(campaignId)) };
    },
    Get_Users: ({ role }) => ({
      users: [...w.agents.values()]
        .filter((a) => a.user.active && (!role || a.user.roles.includes(role)))
        .map((a) => ({
          id: a.user.id,
          user: a.user.login,
          displayName: a.user.displayName,
          email: a.user.email,
          roles: a.user.roles,
          state: a.state,
          device: a.token ? a.device : null,
        })),
    }),
    Get_Queues: () => ({
      queues: [...w.queues.values()].map((q): NeoQueue => ({
        loggedInUserIds: parts.router.queueAgents(q.id).map((a) => a.user.id),
        id: q.id,
        name: q.name,
        crmId: q.crmId,
        baseId: q.databaseId,
        searchField: q.searchField,
        keyExpression: q.keyExpression,
        serviceLevelSeconds: q.serviceLevelSeconds,
      })),
    }),
    Get_Categories: async ({ crmId }) => ({ categories: await viaStore(w.store.categories(crmId)) }),
    Get_ContactByKey: async ({ crmId, key }, agent) => {
      const contact = await viaStore(w.store.contactByKey(crmId, key));
      if (!contact) fail('NOT_FOUND', `no contact with key ${key} in CRM ${crmId}`);
      return { contact: toNeoContact(contact, { call: null, agentCampaign: w.agentCampaignRef(agent) }) };
    },
    Get_Agents: (_req, supervisor) => {
      const admin = supervisor.user.roles.includes('admin');
      const mine = (ids: string[], others: string[]) => ids.some((id) => others.includes(id));
      return {
        agents: [...w.agents.values()]
          .filter(
            (a) =>
              a !== supervisor &&
              a.user.roles.includes('agent') &&
              (admin ||
                mine(a.user.campaignIds, supervisor.user.campaignIds) ||
                mine(a.user.queueIds, supervisor.user.queueIds)),
          )
          .map((a) => w.position(a)),
      };
    },
    Get_Figures: () => liveFigures(w, parts.router),
  };
}
