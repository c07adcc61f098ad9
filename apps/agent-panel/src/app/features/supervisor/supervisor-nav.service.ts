import { Injectable, computed, inject, signal } from '@angular/core';
import { PANEL_LOCATION } from '../../cti/open-cti.service';
import { SessionService } from '../../session/session.service';
import { isBoardView } from './board-view';

export type PanelView = 'softphone' | 'board';

/**
 * Which of the two views a supervisor looks at. Only a session with the
 * supervisor or admin role is offered the board; the gateway refuses the
 * others anyway (E4), this only keeps agents from seeing a useless button.
 */
@Injectable({ providedIn: 'root' })
export class SupervisorNav {
  private readonly session = inject(SessionService);
  private readonly chosen = signal<PanelView>('softphone');
  /** This tab is the full-page board (`?view=board`, issue 16 §1): the board only, never the softphone. */
  readonly fullPage = isBoardView(inject(PANEL_LOCATION).search);

  readonly canSupervise = computed(() => {
    const roles = this.session.agent()?.roles ?? [];
    return this.session.authenticated() && (roles.includes('supervisor') || roles.includes('admin'));
  });
  /** The board only while allowed: a logout (or another user) falls back to the softphone. */
  readonly view = computed<PanelView>(() =>
    this.canSupervise() ? (this.fullPage ? 'board' : this.chosen()) : 'softphone',
  );

  toggle(): void {
    if (this.fullPage) return;
    this.chosen.set(this.view() === 'board' ? 'softphone' : 'board');
  }
}
