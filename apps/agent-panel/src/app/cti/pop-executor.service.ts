import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { CrmView } from '@puente/contracts';
import { toPanelError } from '../api/api-error';
import { Commands } from '../api/commands.service';
import { Notifier } from '../core/notifier.service';
import { readJson, STORAGE } from '../core/storage';
import { PanelPrefs } from '../prefs/panel-prefs.service';
import { AgentStore } from '../state/agent.store';
import { OpenCti } from './open-cti.service';
import { SCREENPOP_TYPE, type ScreenPopRequest } from './open-cti.types';

export const POPPED_KEY = 'puente.popped';
const REMEMBER = 50;
/** How often the panel checks whether the agent opened it again after an automatic minimise. */
export const VISIBILITY_POLL_MS = 2000;
/** The field new records carry so the softphone can link them back to the call (C4). */
export const SYNC_FIELD = 'neoSyncId__c';

/** The Open CTI screen pop for a decision of the gateway, or null for "nothing". */
export function screenPopFor(crm: CrmView): ScreenPopRequest | null {
  const d = crm.decision;
  switch (d.type) {
    case 'record':
      return { type: SCREENPOP_TYPE.SOBJECT, params: { recordId: d.recordId } };
    case 'new_record':
      return {
        type: SCREENPOP_TYPE.NEW_RECORD_MODAL,
        params: {
          entityName: d.objectType,
          defaultFieldValues: { ...d.defaultFieldValues, [SYNC_FIELD]: d.syncId },
        },
      };
    case 'search':
      return { type: SCREENPOP_TYPE.SEARCH, params: { searchString: d.searchString } };
    case 'none':
      return null;
  }
}

/**
 * Carries out the gateway's pop decision (C1, C2) once per call, even across
 * reloads; minimises the softphone for a new record or the search page when
 * the agent asked for it (F1); and warns, when the panel is opened again,
 * that the new record is not linked to the call yet (C4).
 */
@Injectable({ providedIn: 'root' })
export class PopExecutor {
  private readonly store = inject(AgentStore);
  private readonly cti = inject(OpenCti);
  private readonly prefs = inject(PanelPrefs);
  private readonly storage = inject(STORAGE);
  private readonly notifier = inject(Notifier);
  private readonly commands = inject(Commands);
  private readonly popped = signal<readonly string[]>(readJson<string[]>(this.storage, POPPED_KEY) ?? []);
  private poll: ReturnType<typeof setInterval> | undefined;

  /** A new record was opened for this call and is not linked yet. */
  readonly awaitingLink = computed(() => {
    const crm = this.store.crm();
    return !!crm && crm.decision.type === 'new_record' && !crm.linked && this.popped().includes(crm.callId);
  });
  /** Shown when the agent opens the panel again after it minimised itself for a new record. */
  readonly linkWarning = signal(false);

  constructor() {
    effect(() => {
      const crm = this.store.crm();
      if (crm) untracked(() => void this.execute(crm));
    });
    effect(() => {
      if (!this.awaitingLink()) {
        untracked(() => {
          this.linkWarning.set(false);
          this.stopWatching();
        });
      }
    });
    inject(DestroyRef).onDestroy(() => this.stopWatching());
  }

  /** The sync button beside the name: link the record created in Salesforce to the call (C4). */
  async sync(): Promise<void> {
    const crm = this.store.crm();
    if (!crm) return;
    this.linkWarning.set(false);
    try {
      await this.commands.syncCrmRecord(crm.callId);
      this.notifier.info('crm.sync.requested');
    } catch (raw) {
      const error = toPanelError(raw);
      if (error.code === 'NOT_FOUND') this.notifier.info('crm.sync.notFound');
      else this.notifier.error(error);
    }
  }

  dismissWarning(): void {
    this.linkWarning.set(false);
  }

  private async execute(crm: CrmView): Promise<void> {
    if (this.popped().includes(crm.callId)) return;
    this.remember(crm.callId);
    const pop = screenPopFor(crm);
    if (!pop) return;
    try {
      await this.cti.screenPop(pop);
    } catch {
      this.notifier.info('crm.popFailed');
      return;
    }
    // With a pick list the agent chooses in the panel, so it stays open (issue 16 §2.3).
    const picking = (crm.candidates?.length ?? 0) > 1;
    const minimise = crm.decision.type === 'new_record' || (crm.decision.type === 'search' && !picking);
    if (minimise && this.prefs.settings()?.autoMinimize && this.cti.ready) {
      await this.cti.setVisible(false).catch(() => undefined);
      if (crm.decision.type === 'new_record') this.watchForReopen();
    }
  }

  private remember(callId: string): void {
    this.popped.update((list) => [...list.filter((c) => c !== callId), callId].slice(-REMEMBER));
    this.storage.setItem(POPPED_KEY, JSON.stringify(this.popped()));
  }

  private watchForReopen(): void {
    this.stopWatching();
    this.poll = setInterval(async () => {
      const visible = await this.cti.isVisible().catch(() => null);
      if (visible && this.awaitingLink()) {
        this.linkWarning.set(true);
        this.stopWatching();
      }
    }, VISIBILITY_POLL_MS);
  }

  private stopWatching(): void {
    clearInterval(this.poll);
    this.poll = undefined;
  }
}
