import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SalesforceSettings, SettingsSource } from '@puente/contracts';
import { applyCallCenterFlat, type CallCenterSettings, popLayoutsFrom } from '@puente/crm';
import { SessionService } from '../auth/session.service';
import type { Principal } from '../auth/principal';
import { CALL_CENTER_SETTINGS, panelOptions } from './call-center-settings';
import type { CallCenterOptions } from '../commands/call-center-options';
import { SettingsRepository } from './settings.repository';

/** A session's settings as resolved, and the stored value they were resolved from. */
interface Resolved {
  value: string;
  resolved: SessionCallCenter;
}

/** The settings in force for one session, and where they come from. */
export interface SessionCallCenter {
  settings: CallCenterSettings;
  options: CallCenterOptions;
  source: SettingsSource;
}

/**
 * Settings per session (issue 17 §2): a panel inside Salesforce sends what
 * Open CTI gave it (the org's Call Center and the user's Softphone Layout);
 * its agent's pops (C2) and options (C6) then follow those. Without them —
 * outside Salesforce, or when the calls failed — the gateway's file applies.
 * Kept in the SettingsRepository, so a gateway restart keeps them for the
 * sessions it keeps; dropped when the session ends. One node answers from
 * what it resolved before; in cluster mode (a shared repository) each read
 * goes to Redis, since the panel may have sent new settings through
 * another node, and only the resolution of an unchanged value is reused.
 */
@Injectable()
export class SessionSettings {
  private readonly logger = new Logger('SessionSettings');
  private readonly resolved = new Map<string, Resolved>();
  private readonly fromFile: SessionCallCenter;

  constructor(
    @Inject(CALL_CENTER_SETTINGS) private readonly file: CallCenterSettings,
    private readonly store: SettingsRepository,
    private readonly sessions: SessionService,
  ) {
    sessions.ended.subscribe(({ sessionId }) => {
      this.resolved.delete(sessionId);
      store.deleteSalesforceSettings(sessionId).catch((error: unknown) =>
        // On Redis they expire with the longest a session lives.
        this.logger.warn({ sessionId, err: error, msg: "could not drop the ended session's settings" }),
      );
    });
    this.fromFile = {
      settings: file,
      options: panelOptions(file),
      source: { callCenter: 'gateway', softphoneLayout: 'gateway', callCenterName: null, problems: [] },
    };
  }

  /** The file's settings: what applies to a session that sent nothing from Salesforce. */
  get gatewayFile(): SessionCallCenter {
    return this.fromFile;
  }

  /** Remembers what the session's panel read from Salesforce and answers what is now in force. */
  async apply(session: Principal, body: SalesforceSettings): Promise<SessionCallCenter> {
    await this.store.saveSalesforceSettings(session.sessionId, body);
    const resolved = this.resolve(body);
    this.resolved.set(session.sessionId, { value: JSON.stringify(body), resolved });
    this.logger.log({
      agentId: session.agentId,
      source: { ...resolved.source, problems: resolved.source.problems.length },
      msg: 'settings from Salesforce for the session',
    });
    return resolved;
  }

  async forSession(sessionId: string): Promise<SessionCallCenter> {
    const cached = this.resolved.get(sessionId);
    if (cached && !this.store.shared) return cached.resolved;
    const stored = await this.store.salesforceSettings(sessionId);
    if (!stored) {
      this.resolved.delete(sessionId);
      return this.fromFile;
    }
    const value = JSON.stringify(stored);
    if (cached?.value === value) return cached.resolved;
    const resolved = this.resolve(stored);
    this.resolved.set(sessionId, { value, resolved });
    return resolved;
  }

  /**
   * The agent's settings: those of their newest session that sent any from
   * Salesforce, else the file's. Sessions that ended no longer count.
   */
  async forAgent(agentId: string): Promise<SessionCallCenter> {
    const live = this.sessions
      .all()
      .filter((s) => s.agentId === agentId)
      .sort((a, b) => b.createdAt - a.createdAt);
    const liveIds = new Set(live.map((s) => s.sessionId));
    for (const id of this.resolved.keys()) if (!liveIds.has(id)) this.resolved.delete(id);
    for (const s of live) {
      const resolved = await this.forSession(s.sessionId);
      if (resolved !== this.fromFile) return resolved;
    }
    return this.fromFile;
  }

  private resolve(body: SalesforceSettings): SessionCallCenter {
    const problems: SettingsSource['problems'] = [];
    let settings = this.file;
    if (body.callCenter) {
      const read = applyCallCenterFlat(this.file, body.callCenter);
      settings = read.settings;
      problems.push(...read.issues);
    }
    if (body.softphoneLayout) {
      const { layouts, issues } = popLayoutsFrom(body.softphoneLayout);
      settings = { ...settings, puente: { ...settings.puente, layouts } };
      problems.push(...issues);
    }
    return {
      settings,
      options: panelOptions(settings),
      source: {
        callCenter: body.callCenter ? 'salesforce' : 'gateway',
        softphoneLayout: body.softphoneLayout ? 'salesforce' : 'gateway',
        callCenterName:
          body.callCenter?.['/label'] || body.callCenter?.['/reqGeneralInfo/reqDisplayName'] || null,
        problems,
      },
    };
  }
}
