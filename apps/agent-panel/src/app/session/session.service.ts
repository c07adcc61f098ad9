import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { type LoginRequest, SessionResponseSchema } from '@puente/contracts';
import { ApiClient } from '../api/api-client.service';
import { agentPlace, browserTimeZone } from '../core/i18n/agent-place';
import { I18n } from '../core/i18n/i18n.service';
import type { MessageKey } from '../core/i18n/messages.en';
import { Notifier } from '../core/notifier.service';
import { PanelPrefs } from '../prefs/panel-prefs.service';
import { AgentLink, type SessionEndReason } from '../state/agent-link.service';
import { AgentStore } from '../state/agent.store';
import { AuthTokens } from './auth-tokens.service';

export type SessionPhase = 'restoring' | 'anonymous' | 'authenticated';

const ENDED_MESSAGE: Record<SessionEndReason, MessageKey> = {
  logout: 'session.ended.logout',
  replaced: 'session.ended.replaced',
  expired: 'session.ended.expired',
  forced: 'session.ended.forced',
};

/**
 * The agent's session (A1): log in with device, user and password, stay
 * logged in across reloads, log out, and fall back to the login screen with
 * the reason when the session ends (logged in elsewhere, expired, forced).
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly api = inject(ApiClient);
  private readonly tokens = inject(AuthTokens);
  private readonly link = inject(AgentLink);
  private readonly store = inject(AgentStore);
  private readonly prefs = inject(PanelPrefs);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  private loggingOut = false;

  readonly phase = signal<SessionPhase>('restoring');
  /** Why the agent is back at the login screen, when it was not their own doing. */
  readonly endedMessage = signal<MessageKey | null>(null);
  readonly agent = this.tokens.agent;
  readonly authenticated = computed(() => this.phase() === 'authenticated');

  constructor() {
    this.tokens.whenEnded(() => this.endLocally('expired'));
    this.link.whenSessionEnds((reason) => this.endLocally(reason));
  }

  /**
   * At start-up: this tab's stored session, or the one another tab hands
   * over, picks up where it was (the gateway replays the state). The access
   * token is not stored, so a reload begins with a refresh.
   */
  async restore(): Promise<void> {
    const stored = await this.tokens.restore();
    if (!stored) {
      this.phase.set('anonymous');
      return;
    }
    if (this.tokens.expiresSoon()) {
      const outcome = await this.tokens.refresh();
      if (outcome === 'ended') return;
    }
    this.start();
  }

  async login(request: LoginRequest): Promise<void> {
    // Where the agent works goes along, so the dates the gateway writes for them read right (issue 16 §2.9).
    const place = agentPlace(
      this.i18n.locale(),
      this.document.defaultView?.navigator.languages ?? [],
      browserTimeZone(),
    );
    const body: LoginRequest = { ...request, ...place };
    const raw = await this.api.request('POST', '/sessions', { body, anonymous: true });
    this.tokens.set(SessionResponseSchema.parse(raw));
    this.endedMessage.set(null);
    this.start();
  }

  async logout(): Promise<void> {
    this.loggingOut = true;
    try {
      await this.api.request('DELETE', '/sessions/current');
    } catch {
      // Logged out locally whatever the gateway says; it ends the session on its own in time.
    } finally {
      this.loggingOut = false;
      this.endLocally(null);
    }
  }

  private start(): void {
    const agent = this.tokens.agent();
    if (!agent) return;
    if (this.store.state().agentId !== agent.agentId) this.store.reset(agent.agentId, '[Session] Logged in');
    this.phase.set('authenticated');
    this.link.connect();
    void this.prefs.load();
  }

  private endLocally(reason: SessionEndReason | null): void {
    if (this.phase() === 'anonymous' && !this.tokens.tokens()) return;
    this.link.disconnect();
    this.tokens.clear();
    this.store.reset('', '[Session] Logged out');
    this.prefs.clear();
    this.notifier.clear();
    this.endedMessage.set(reason && !(reason === 'logout' && this.loggingOut) ? ENDED_MESSAGE[reason] : null);
    this.phase.set('anonymous');
  }
}
