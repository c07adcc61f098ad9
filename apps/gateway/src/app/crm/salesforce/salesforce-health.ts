import type { UpstreamName } from '@puente/contracts';
import type { UpstreamProbe } from '../../health/upstream-probe';
import { untilAborted } from './bounded-transport';
import type { OrgPhoneSearch } from './org-phone-search';
import type { SalesforceConnection } from './salesforce-connection';

/**
 * Salesforce as the gateway's own calls find it, for /health and the status
 * line. Down while the circuit is open (with why and for how long) or when
 * the last call failed; up when the last call succeeded lately. When nothing
 * recent says either, or a trial call is due, it asks Salesforce itself with
 * an authenticated call through the same circuit and session as every other
 * (GET /limits): an unauthenticated URL such as /services/data answers while
 * the API refuses every real call. Real calls stand in for that probe, so an
 * org with traffic spends no API calls on it, an idle one at most one every
 * `probeIntervalMs`.
 */
export class SalesforceHealthProbe implements UpstreamProbe {
  readonly name: UpstreamName = 'salesforce';
  private probing: Promise<void> | undefined;

  constructor(
    private readonly salesforce: SalesforceConnection,
    private readonly probeIntervalMs: number,
    private readonly phoneSearch?: OrgPhoneSearch,
  ) {}

  /** Which phone search is in force (PhoneIndex__c or SOSL, issue 17 §3), once the org has been asked. */
  details(): Record<string, string> | undefined {
    return this.phoneSearch?.details();
  }

  async check(signal: AbortSignal): Promise<void> {
    const { circuit } = this.salesforce;
    const blocked = circuit.blocked();
    if (blocked) throw new Error(blocked);
    const last = circuit.lastOutcome;
    const fresh = last !== null && Date.now() - last.at < this.probeIntervalMs;
    if (circuit.state === 'closed' && fresh && last.ok) return;
    // The probe runs on the gateway's own time-out, so that the circuit counts what Salesforce really
    // does rather than the health round's patience; one at a time, however slow it is.
    this.probing ??= this.salesforce.probe().finally(() => (this.probing = undefined));
    await untilAborted(this.probing, signal);
  }
}
