import { openResettableSqlStore } from '../../testing/sql-test-store';
import { dispositionSetup, NOW } from './contract/contract-support';
import { describeDialerStore } from './dialer-store.contract';

jest.setTimeout(60_000);

let shared: ReturnType<typeof openResettableSqlStore> | undefined;
afterAll(async () => (await shared)?.close());

// One PGlite for the whole suite, put back as seeded before each test: a fresh PGlite per test cost 1-2 s each.
describeDialerStore('SqlDialerStore (PGlite)', async () => {
  shared ??= openResettableSqlStore();
  const { store, reset } = await shared;
  await reset();
  return { store, close: () => store.close() };
});

/** What the interface writes but never reads back: checked on the rows themselves. */
describe('SqlDialerStore: notes and dispositions reach the call_history rows', () => {
  let opened: Awaited<ReturnType<typeof openResettableSqlStore>>;
  beforeEach(async () => {
    shared ??= openResettableSqlStore();
    opened = await shared;
    await opened.reset();
  });

  const legOf = (callId: string, leg: number, contactId: string | null) => ({
    callId,
    leg,
    contactId,
    campaignId: null,
    queueId: null,
    userId: null,
    direction: 'outbound' as const,
    dialerMode: null,
    callReason: '',
    number: '+541155551234',
    startedAt: NOW,
    answeredAt: null,
    endedAt: NOW,
    talkSeconds: 0,
    holdSeconds: 0,
    cause: 'no_answer',
    dtmf: '',
    recordingUrl: null,
  });
  const rows = (callId: string) =>
    opened.client.query<{
      leg: number;
      note: string;
      category_id: string | null;
      subcategory_id: string | null;
    }>(
      'SELECT leg, note, category_id::text, subcategory_id::text FROM call_history WHERE call_id = $1 ORDER BY leg',
      [callId],
    );

  it("noteCall writes the note on that call's legs only", async () => {
    const { store } = opened;
    const s = await dispositionSetup(store);
    await store.callHistoryInsert(legOf('7001', 0, s.contact.id));
    await store.callHistoryInsert(legOf('7001', 1, null));
    await store.callHistoryInsert(legOf('7002', 0, s.contact.id));
    expect(await store.noteCall('7001', s.contact.id, 'volver a llamar el lunes')).toBe(2);
    expect((await rows('7001')).map((r) => r.note)).toEqual([
      'volver a llamar el lunes',
      'volver a llamar el lunes',
    ]);
    expect((await rows('7002')).map((r) => r.note)).toEqual(['']);
  });

  it("dispose writes category, subcategory and note on the call's row", async () => {
    const { store } = opened;
    const s = await dispositionSetup(store);
    await store.callHistoryInsert(legOf('7003', 0, s.contact.id));
    const subcategoryId = s.plain.subcategories[0].id;
    await store.dispose({
      contactId: s.contact.id,
      callId: '7003',
      userId: s.user.id,
      campaignId: s.campaign.id,
      categoryId: s.plain.id,
      subcategoryId,
      note: 'compró en cuotas',
      now: NOW,
      at: null,
    });
    expect(await rows('7003')).toEqual([
      { leg: 0, note: 'compró en cuotas', category_id: s.plain.id, subcategory_id: subcategoryId },
    ]);
  });
});
