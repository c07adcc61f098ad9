import { computed, inject, Injectable, signal } from '@angular/core';
import type { CrmView } from '@puente/contracts';
import { AgentStore } from '../../state/agent.store';

/**
 * Whether the pick list of several matches (issue 16 §2.3) is open, shared by
 * its two places: over the function view during the call, and at the top of a
 * wrap-up sheet once one is open (issue 16 §1). The list never lies over the
 * sheet: the agent must reach both the record (the Task's WhoId) and the
 * sheet's Categorise and Release.
 */
@Injectable({ providedIn: 'root' })
export class MatchListState {
  private readonly store = inject(AgentStore);
  /** The call whose list the agent closed, or opened again once a record was linked. */
  private readonly toggledFor = signal<{ callId: string; open: boolean } | null>(null);
  /** How many wrap-up sheets hold the list now (0 or 1): while one does, the overlay keeps away. */
  private readonly docks = signal(0);
  readonly docked = computed(() => this.docks() > 0);

  /** The CRM view of the current call when it lists several records to pick from. */
  readonly current = computed<CrmView | null>(() => {
    const crm = this.store.crm();
    const call = this.store.call();
    if (!crm || (call && crm.callId !== call.callId)) return null;
    return (crm.candidates?.length ?? 0) > 1 ? crm : null;
  });

  /** Open by itself until a record is linked; after that, only when the agent asks. */
  isOpen(crm: CrmView): boolean {
    const toggled = this.toggledFor();
    if (toggled?.callId === crm.callId) return toggled.open;
    return !crm.linked?.recordId;
  }

  set(callId: string, open: boolean): void {
    this.toggledFor.set({ callId, open });
  }

  /** A sheet shows the list from now until the returned function is called. */
  dock(): () => void {
    this.docks.update((n) => n + 1);
    let undocked = false;
    return () => {
      if (undocked) return;
      undocked = true;
      this.docks.update((n) => n - 1);
    };
  }
}
