import { FakeNeoApiServer } from '@puente/neoapi/testing';

/** A scripted dialer with two agents and a supervisor, password "secret". */
export async function startFakeDialer(): Promise<FakeNeoApiServer> {
  const dialer = new FakeNeoApiServer();
  const base = { email: null, breakState: null, campaignId: null, queueIds: [] as string[] };
  dialer.addUser({
    password: 'secret',
    agent: { ...base, agentId: 'a1', user: 'agent1', displayName: 'Ana Agent', roles: ['agent'] },
  });
  dialer.addUser({
    password: 'secret',
    agent: { ...base, agentId: 'a2', user: 'agent2', displayName: 'Bruno Agent', roles: ['agent'] },
  });
  dialer.addUser({
    password: 'secret',
    agent: { ...base, agentId: 's1', user: 'sup1', displayName: 'Sofía Supervisor', roles: ['supervisor'] },
  });
  await dialer.start();
  return dialer;
}
