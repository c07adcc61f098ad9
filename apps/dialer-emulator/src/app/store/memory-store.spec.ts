import { TEST_CONTACTS } from '../../testing/sql-test-store';
import { describeDialerStore } from './dialer-store.contract';
import { MemoryDialerStore } from './memory-store';

describeDialerStore('MemoryDialerStore', async () => {
  const store = new MemoryDialerStore({ contacts: TEST_CONTACTS });
  return { store, close: () => store.close() };
});
