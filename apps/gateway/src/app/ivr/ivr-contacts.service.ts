import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ContactDb, ContactDbError, InsertBatcher } from '@puente/contact-center-db';
import type { IvrContactResponse } from '@puente/contracts';
import type { CallCenterSettings } from '@puente/crm';
import { digitsOnly, isAnonymousNumber, toE164 } from '@puente/phone';
import type { CountryCode } from 'libphonenumber-js';
import { CALL_CENTER_SETTINGS } from '../call-center/call-center.module';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { CONTACT_DB } from '../contact-db/contact-db.module';
import { ApiError } from '../http/api-error';
import { MetricsService } from '../metrics/metrics.service';

/** How a withheld number is stored (D3): the caller still gets a contact, searchable by key only. */
export const ANONYMOUS_ANI = 'anonymous';

/**
 * Turns an IVR caller into a dialer contact (SPEC D1-D3) through
 * CONTACTO_INSERT_SALESFORCE. Uniqueness of one contact per key is the
 * procedure's job (a unique index), so concurrent calls cannot race here.
 * Requests that arrive together share a round trip (InsertBatcher): on a
 * busy IVR the database commits once per batch instead of once per caller.
 */
@Injectable()
export class IvrContactsService {
  private readonly logger = new Logger('Ivr');
  private readonly batcher: InsertBatcher;

  constructor(
    @Inject(CONTACT_DB) db: ContactDb,
    @Inject(CALL_CENTER_SETTINGS) private readonly settings: CallCenterSettings,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    metrics: MetricsService,
  ) {
    this.batcher = new InsertBatcher(db, {
      maxBatch: config.CONTACT_DB_BATCH_MAX,
      maxInFlight: Math.min(config.CONTACT_DB_BATCHES_IN_FLIGHT, config.CONTACT_DB_POOL_MAX),
      onBatch: (size) => metrics.contactInsertBatch.observe(size),
    });
  }

  /** E.164 when the number is one; digits as the trunk sent them otherwise (an extension, a short code). */
  normaliseAni(raw: string): string {
    if (isAnonymousNumber(raw)) return ANONYMOUS_ANI;
    return toE164(raw, this.settings.puente.defaultCountry as CountryCode) ?? digitsOnly(raw);
  }

  async insert(
    input: { data: string; ani: string; databaseId: string; queueId?: string },
    keyId: string,
  ): Promise<IvrContactResponse> {
    const ani = this.normaliseAni(input.ani);
    try {
      const result = await this.batcher.insert({
        data: input.data,
        ani,
        databaseId: input.databaseId,
      });
      this.logger.log({
        msg: result.created ? 'IVR contact created' : 'IVR contact found',
        keyId,
        contactId: result.contactId,
        databaseId: input.databaseId,
        queueId: input.queueId,
        // The caller's number and key are personal data: the last digits are enough to trace a call.
        aniTail: ani.slice(-4),
      });
      return { ...result, ani, searchable: result.data.trim() !== '' };
    } catch (error) {
      throw this.translate(error, input.databaseId);
    }
  }

  private translate(error: unknown, databaseId: string): Error {
    if (!(error instanceof ContactDbError)) return error as Error;
    switch (error.code) {
      case 'DATABASE_NOT_FOUND':
      case 'CRM_NOT_FOUND':
        return new ApiError('UNKNOWN_DATABASE', `There is no contact database ${databaseId}.`, {
          databaseId,
        });
      case 'INVALID_INPUT':
        return new ApiError('VALIDATION_FAILED', error.message);
      case 'DATABASE_UNAVAILABLE':
      case 'TIMEOUT':
        this.logger.warn({ msg: 'contact database unavailable', code: error.code, err: error.message });
        return new ApiError(
          'DATABASE_UNAVAILABLE',
          'The contact-center database is not answering; the IVR should retry or route the call without a key.',
        );
      default:
        return error;
    }
  }
}
