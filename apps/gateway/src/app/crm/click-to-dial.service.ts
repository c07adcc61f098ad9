import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CrmRecordRef } from '@puente/contracts';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import type { Principal } from '../auth/principal';
import { CRM, type Crm } from './crm.port';
import { objectOfId } from './soql';
import { SessionService } from '../auth/session.service';

/** A record a click-to-dial started from, until the pop of the call it started links it. */
interface Origin {
  record: CrmRecordRef;
  /** The call the Dial answered; null while that answer is on its way. */
  callId: string | null;
}

/** How many agents' click-to-dial origins are kept; older ones are dropped first. */
const MAX_ORIGINS = 10_000;

/**
 * B6: a number clicked on a Salesforce record is the call of that record
 * (issue 16 §2.4). With allowClickToDialSearch the record is also dialed as
 * its dialer contact, so the call can be categorised and scheduled: the one
 * its neoContactId__c names (written by an earlier pop, C3), else the one
 * whose key in the dialer CRM of neoCrmId__c is the record id (seed 004).
 * The record itself is remembered for the call's pop, which keeps it on
 * screen and links it instead of searching.
 */
@Injectable()
export class ClickToDialService {
  private readonly logger = new Logger('ClickToDial');
  private readonly origins = new Map<string, Origin>();

  constructor(
    @Inject(CRM) private readonly crm: Crm,
    @Inject(DIALER) private readonly dialer: Dialer,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Remembers the record the agent's next call starts from, before the Dial,
   * because the dialer's call events can outrun the Dial's answer. An id of
   * an object Puente does not pop (a Case, say) is dialed but not linked.
   */
  startingFrom(agentId: string, recordId: string): void {
    const objectType = objectOfId(recordId);
    this.origins.delete(agentId);
    if (!objectType) return;
    this.origins.set(agentId, { record: { objectType, recordId }, callId: null });
    if (this.origins.size > MAX_ORIGINS) this.origins.delete(this.origins.keys().next().value as string);
  }

  /** The Dial answered with this call (or failed: null), so a later call never takes the record. */
  dialed(agentId: string, callId: string | null): void {
    const origin = this.origins.get(agentId);
    if (!origin) return;
    if (callId === null) this.origins.delete(agentId);
    else origin.callId ??= callId;
  }

  /**
   * The record a call was clicked from: the call the Dial answered, or while
   * that answer is still on its way, the agent's manual outbound call.
   */
  originOf(
    agentId: string,
    call: { callId: string; direction: string; dialerMode: string | null },
  ): CrmRecordRef | null {
    const origin = this.origins.get(agentId);
    if (!origin) return null;
    if (origin.callId === null && call.direction === 'outbound' && call.dialerMode === 'manual')
      origin.callId = call.callId;
    return origin.callId === call.callId ? origin.record : null;
  }

  /** The dialer contact of a Salesforce record, or null when there is none (the call is then a plain manual dial). */
  async contactFor(session: Principal, recordId: string): Promise<string | null> {
    const objectType = objectOfId(recordId);
    if (!objectType) return null;
    try {
      const record = await this.crm.retrieve(objectType, recordId, ['neoContactId__c', 'neoCrmId__c']);
      const contactId = text(record?.fields['neoContactId__c']);
      if (contactId) return contactId;
      const crmId = text(record?.fields['neoCrmId__c']);
      if (!crmId) return null;
      const contact = await this.dialer.contactByKey(
        { session: this.sessions.dialerToken(session) },
        crmId,
        record?.id ?? recordId,
      );
      return contact.contactId;
    } catch (error) {
      this.logger.debug({
        recordId,
        err: error,
        msg: 'no dialer contact for the record; dialing the number alone',
      });
      return null;
    }
  }
}

/** A field's value as text, or null when it is empty (number fields come back as numbers). */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}
