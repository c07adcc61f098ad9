import { Injectable, computed, inject, signal } from '@angular/core';
import { SessionService } from '../../session/session.service';

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

  readonly canSupervise = computed(() => {
    const roles = this.session.agent()?.roles ?? [];
    return this.session.authenticated() && (roles.includes('supervisor') || roles.includes('admin'));
  });
  /** The board only while allowed: a logout (or another user) falls back to the softphone. */
  readonly view = computed<PanelView>(() => (this.canSupervise() ? this.chosen() : 'softphone'));

  toggle(): void {
    this.chosen.set(this.view() === 'board' ? 'softphone' : 'board');
  }
}
