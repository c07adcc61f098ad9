import { Injectable, inject } from '@angular/core';
import type { CallerCard } from '@puente/contracts';
import { Commands } from '../api/commands.service';
import { Notifier } from '../core/notifier.service';
import { OpenCti } from './open-cti.service';
import { SCREENPOP_TYPE } from './open-cti.types';

/**
 * The agent picked one of several matches (issue 16 §2.3, STARFACE): the
 * record opens in Salesforce (Open CTI screenPop) and becomes the call's
 * record, so the call's Task names it (WhoId / WhatId).
 */
@Injectable({ providedIn: 'root' })
export class RecordPicker {
  private readonly cti = inject(OpenCti);
  private readonly commands = inject(Commands);
  private readonly notifier = inject(Notifier);

  /** Whether the record is now the call's. */
  async pick(callId: string, record: CallerCard): Promise<boolean> {
    const ref = { objectType: record.objectType, recordId: record.recordId };
    // Opening the record is a courtesy; linking it is what the Task depends on, so it goes first.
    const linked = await this.notifier.run('crm.link', () => this.commands.linkCrmRecord(callId, ref));
    if (!linked) return false;
    await this.cti
      .screenPop({ type: SCREENPOP_TYPE.SOBJECT, params: { recordId: record.recordId } })
      .catch(() => this.notifier.info('crm.popFailed'));
    return true;
  }
}
