import { describeAgendaContract } from './contract/agenda.contract';
import { type ContractContext, type OpenContractStore } from './contract/contract-support';
import { describeDialingContract } from './contract/dialing.contract';
import { describeDirectoryContract } from './contract/directory.contract';
import { describeRuntimeContract } from './contract/runtime.contract';
import type { DialerStore } from './dialer-store';

export type { OpenContractStore } from './contract/contract-support';

/**
 * One behaviour suite for every DialerStore (issue 18 §1): what the engine
 * relies on, observed through the interface only. Each test gets a fresh
 * store from `open`, so tests never see each other's contacts or callbacks.
 * The SQL store is the reference (it is what `npm start` runs); the memory
 * store must behave the same.
 */
export function describeDialerStore(label: string, open: OpenContractStore): void {
  describe(`DialerStore contract: ${label}`, () => {
    let current: { store: DialerStore; close(): Promise<void> } | undefined;
    const context: ContractContext = {
      store: () => {
        if (!current) throw new Error('no store open');
        return current.store;
      },
    };
    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    describeDirectoryContract(context);
    describeDialingContract(context);
    describeAgendaContract(context);
    describeRuntimeContract(context);
  });
}
