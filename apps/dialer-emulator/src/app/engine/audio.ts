import { isMuted, type CallRuntime } from './runtime';
import type { World } from './world';

export interface AudioMatrix {
  callId: string;
  parties: string[];
  /** For each party, whom they hear. */
  hears: Record<string, string[]>;
}

/**
 * Who hears whom on a call (E2, seed 004): the customer and the agent hear
 * each other unless the customer is on hold or waiting while the agent
 * consults a third party; conference participants hear everyone in the
 * conference; a supervisor hears the agent's whole call in every mode; the
 * agent hears an assisting supervisor; everyone hears a barging one; the
 * customer never hears an assist (ChanSpy's whisper). A muted agent is heard
 * by nobody on the call but a monitoring supervisor, who taps the agent's
 * own channel (issue 16 §3).
 */
export function audioMatrix(world: World, call: CallRuntime): AudioMatrix {
  const hears = new Map<string, Set<string>>();
  const add = (party: string) => hears.set(party, hears.get(party) ?? new Set());
  const oneWay = (listener: string, speaker: string) => {
    add(listener);
    add(speaker);
    hears.get(listener)?.add(speaker);
  };
  const both = (a: string, b: string) => {
    oneWay(a, b);
    oneWay(b, a);
  };
  const agent = call.agentId ? world.agents.get(call.agentId) : undefined;
  const agentParty = agent ? `agent:${agent.user.login}` : null;
  const customer = call.direction === 'internal' ? null : 'customer';
  if (customer) add(customer);
  if (agentParty) add(agentParty);
  const customerHeld = call.state === 'on_hold' || call.state === 'transferring';
  const conference = call.participants.map((p) =>
    p.agentId ? `agent:${world.agents.get(p.agentId)?.user.login ?? p.agentId}` : `participant:${p.address}`,
  );
  const room = [
    ...(customerHeld || !customer ? [] : [customer]),
    ...(agentParty ? [agentParty] : []),
    ...conference,
  ];
  for (let i = 0; i < room.length; i++) for (let j = i + 1; j < room.length; j++) both(room[i], room[j]);
  if (call.transfer?.mode === 'attended' && agentParty) {
    const consult = call.transfer.consultAgentId
      ? `agent:${world.agents.get(call.transfer.consultAgentId)?.user.login ?? call.transfer.consultAgentId}`
      : `third-party:${call.transfer.target.id}`;
    both(agentParty, consult);
  }
  // Muting cuts the agent's microphone out of the call; what the agent hears is unchanged.
  if (agentParty && isMuted(call))
    for (const [listener, heard] of hears) if (listener !== agentParty) heard.delete(agentParty);
  const supervisor = agent?.monitoredBy ? world.agents.get(agent.monitoredBy.supervisorId) : undefined;
  if (agent?.monitoredBy && supervisor && agentParty) {
    const sup = `supervisor:${supervisor.user.login}`;
    const mode = agent.monitoredBy.mode;
    // The supervisor hears what the agent hears, and the agent.
    for (const heard of [agentParty, ...(hears.get(agentParty) ?? [])]) if (heard !== sup) oneWay(sup, heard);
    if (mode === 'assist') oneWay(agentParty, sup);
    if (mode === 'barge') for (const party of [...room, ...(hears.get(agentParty) ?? [])]) oneWay(party, sup);
  }
  const parties = [...hears.keys()];
  return {
    callId: call.id,
    parties,
    hears: Object.fromEntries(
      parties.map((p) => [p, [...(hears.get(p) ?? [])].filter((x) => x !== p).sort()]),
    ),
  };
}
