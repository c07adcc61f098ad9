import { Inject, Injectable, Logger } from '@nestjs/common';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import type { StoredSession } from '../store/gateway-store';
import { CRM, type Crm } from './crm.port';
import { objectOfId } from './soql';

/**
 * B6 with allowClickToDialSearch: a number clicked on a Salesforce record is
 * dialed as that record's dialer contact, so the call can be categorised and
 * scheduled. The record names its dialer CRM in neoCrmId__c, and the dialer's
 * key for it is the Salesforce id itself (seed 004).
 */
@Injectable()
export class ClickToDialService {
  private readonly logger = new Logger('ClickToDial');

  constructor(
    @Inject(CRM) private readonly crm: Crm,
    @Inject(DIALER) private readonly dialer: Dialer,
  ) {}

  /** The dialer contact of a Salesforce record, or null when there is none (the call is then a plain manual dial). */
  async contactFor(session: StoredSession, recordId: string): Promise<string | null> {
    const objectType = objectOfId(recordId);
    if (!objectType) return null;
    try {
      const record = await this.crm.retrieve(objectType, recordId, ['neoCrmId__c']);
      const crmId = record?.fields['neoCrmId__c'];
      if (crmId === null || crmId === undefined || crmId === '') return null;
      const { contact } = await this.dialer.call(
        'Get_ContactByKey',
        { crmId: String(crmId), key: record?.id ?? recordId },
        session.dialerToken,
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
