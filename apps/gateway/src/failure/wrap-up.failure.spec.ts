import { Client } from 'pg';
import { agentDateTime } from '../app/crm/journal/agent-time';
import { FailureStack } from '../testing/failure-stack';
import type { PanelClient } from '../testing/gateway-client';
import { perfect, tally, until } from '../testing/ledger';

/**
 * docs/reliability.md, "gateway restarted during wrap-up": the call has
 * ended, the agent is writing the note, and the gateway is SIGKILLed (or
 * stopped gracefully) and started again on the same state folder. The
 * agent's categorise or schedule afterwards must still finish THAT call's
 * journal: the Task in the org gets its CallDisposition and the note, once
 * per CallObject, and the dialer's history row of the call gets the
 * category, subcategory and note.
 */
jest.setTimeout(300_000);

interface Category {
  id: string;
  name: string;
  schedules: boolean;
  subcategories: { id: string; name: string }[];
}

describe('failure: the gateway restarts during wrap-up', () => {
  const stack = new FailureStack();
  let token = '';
  let panel: PanelClient;
  let db: Client;
  const calls: string[] = [];

  const ok = async (path: string, body?: unknown) => {
    const res = await stack.gateway.request('POST', path, { token, body });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** The panel (re)connecting from what it last applied, as the real one does after the gateway comes back. */
  const connect = async () => {
    const before = panel?.state;
    panel = await stack.gateway.panel(token, 0);
    if (before) panel.state = before;
    await panel.resume(before?.seq ?? 0);
  };
  const restart = async (how: 'kill' | 'stop') => {
    await (how === 'kill' ? stack.gateway.kill() : stack.gateway.stop());
    await stack.gateway.start();
    await connect();
  };

  /** A predictive call answered, talked and hung up: the agent is in wrap-up with the contact on screen. */
  const callToWrapUp = async () => {
    const line = await until('a predictive line', async () => {
      await stack.dialer.advance(2);
      const state = await stack.dialer.state();
      return (state.calls as { callId: string; state: string; campaignId: string }[]).find(
        (c) => c.campaignId === '1' && c.state === 'ringing',
      );
    });
    await stack.dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    await panel.waitForState((s) => s.call?.callId === line.callId && s.call.status === 'talking', 10_000);
    calls.push(line.callId);
    await ok(`/api/v1/calls/${line.callId}/hangup`);
    const s = await panel.waitForState((st) => st.call?.status === 'ended' && st.activity === 'wrap_up');
    return { callId: line.callId, contactId: s.contact?.contactId ?? '', crmId: s.contact?.crmId ?? '' };
  };
  const pickCategory = async (crmId: string) => {
    const items = (await stack.gateway.request('GET', `/api/v1/crms/${crmId}/categories`, { token })).body
      .items as Category[];
    const category = items.find((c) => !c.schedules && c.subcategories.length > 0);
    if (!category) throw new Error(`CRM ${crmId} has no plain category with subcategories`);
    return { category, subcategory: category.subcategories[0] };
  };
  const readyAgain = async () => {
    await panel.waitForState((st) => st.contact === null);
    if (panel.state.activity !== 'available') await ok('/api/v1/agent/ready');
    await panel.waitForState((st) => st.activity === 'available' && st.call === null);
  };
  /** The call's one Task, once its disposition landed (the tally at the end counts duplicates). */
  const taskOf = (callId: string) =>
    until(
      `the Task of call ${callId} with its disposition`,
      async () => {
        const found = await stack.tasksByCallObject([stack.callObjectOf(callId)]);
        return found.find(([, t]) => t['CallDisposition'])?.[1];
      },
      30_000,
      250,
    );
  const historyOf = async (callId: string) =>
    (
      await db.query(
        'SELECT category_id::text AS category, subcategory_id::text AS subcategory, note FROM call_history WHERE call_id = $1 ORDER BY leg',
        [callId],
      )
    ).rows;

  beforeAll(async () => {
    await stack.start();
    await stack.scriptCustomers();
    db = new Client({ connectionString: stack.dialer.contactDbUrl });
    await db.connect();
    token = (await stack.gateway.login('agent01', 'puente', '1001')).accessToken;
    await connect();
    await ok('/api/v1/campaigns/1/join');
    await panel.waitForState((s) => s.activity === 'available');
  });

  // A failed scenario must not leave the next one with a contact on screen.
  afterEach(async () => {
    if (!panel) return;
    const contactId = panel.state.contact?.contactId;
    if (contactId) await stack.gateway.request('POST', `/api/v1/contacts/${contactId}/release`, { token });
    if (panel.state.activity !== 'available')
      await stack.gateway.request('POST', '/api/v1/agent/ready', { token });
  });

  afterAll(async () => {
    await db?.end();
    await stack.stop();
  });

  it.each([
    ['SIGKILLed', 'the panel names the call', 'kill'],
    ['stopped gracefully', 'the panel names the call', 'stop'],
    ['SIGKILLed', 'no call id: an older panel, an API client', 'kill'],
  ] as const)(
    '%s during wrap-up, then categorised (%s): CallDisposition and note on the Task and the history row',
    async (_name, request, how) => {
      const call = await callToWrapUp();
      const { category, subcategory } = await pickCategory(call.crmId);
      await restart(how);
      // The panel kept its state through the restart: it still knows the call it is wrapping up.
      expect(panel.state.call?.callId).toBe(call.callId);
      const note = `Cliente pide baja de la promo (gateway ${how}).`;
      await ok(`/api/v1/contacts/${call.contactId}/categorize`, {
        ...(request === 'the panel names the call' ? { callId: panel.state.call?.callId } : {}),
        categoryId: category.id,
        subcategoryId: subcategory.id,
        note,
      });
      await readyAgain();

      const task = await taskOf(call.callId);
      expect(task['CallDisposition']).toBe(`${category.name} / ${subcategory.name}`);
      expect(String(task['Description'])).toContain(note);
      expect(await historyOf(call.callId)).toEqual([
        { category: category.id, subcategory: subcategory.id, note },
      ]);
    },
  );

  it('SIGKILLed during wrap-up, then a callback scheduled: the Task says so with the note', async () => {
    const call = await callToWrapUp();
    await restart('kill');
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const note = 'Volver a llamar mañana, pregunta por la titular.';
    const scheduled = (await ok(`/api/v1/contacts/${call.contactId}/schedule`, {
      callId: panel.state.call?.callId,
      at,
      note,
    })) as { at: string };
    await readyAgain();

    const task = await taskOf(call.callId);
    // Written for the agent, in English and UTC as this agent's login named no place (issue 16 §2.9).
    expect(task['CallDisposition']).toBe(`Callback scheduled for ${agentDateTime(scheduled.at, undefined)}`);
    expect(String(task['Description'])).toContain(note);
    expect(await historyOf(call.callId)).toEqual([{ category: null, subcategory: null, note }]);
  });

  it('landed exactly one Task per CallObject, with nothing unexpected', async () => {
    const callObjects = calls.map((id) => stack.callObjectOf(id));
    const tasks = await stack.tasksByCallObject(callObjects);
    expect(
      tally(
        callObjects,
        tasks.map(([callObject]) => callObject),
      ),
    ).toEqual(perfect(calls.length));
    expect(tasks.every(([, t]) => t['CallDisposition'])).toBe(true);
  });
});
