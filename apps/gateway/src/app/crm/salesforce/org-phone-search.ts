/** How the gateway finds callers by phone in the org it talks to (issue 17 §3). */
export type PhoneSearchMode = 'phone-index' | 'sosl';

/** An org without the package is asked again after this long, so that deploying it needs no restart. */
const RECHECK_WITHOUT_INDEX_MS = 10 * 60_000;

/**
 * The org's answer to "is PhoneIndex__c deployed?", asked once (describe)
 * and kept: shared by the Crm adapter, which chooses the query, and the
 * health probe, which tells operators which one is in force.
 */
export class OrgPhoneSearch {
  private answer: { mode: PhoneSearchMode; at: number } | null = null;

  constructor(private readonly clock: () => number = Date.now) {}

  /** The cached mode; null when unknown or due to be asked again. */
  get current(): PhoneSearchMode | null {
    if (!this.answer) return null;
    if (this.answer.mode === 'sosl' && this.clock() - this.answer.at >= RECHECK_WITHOUT_INDEX_MS) return null;
    return this.answer.mode;
  }

  record(mode: PhoneSearchMode): void {
    this.answer = { mode, at: this.clock() };
  }

  /** What /health says about it, in operator words. */
  details(): Record<string, string> | undefined {
    const mode = this.answer?.mode;
    if (mode === 'phone-index')
      return { phoneSearch: 'PhoneIndex__c (finds a record as soon as it is saved)' };
    if (mode === 'sosl')
      return {
        phoneSearch:
          'SOSL IN PHONE FIELDS: PhoneIndex__c is not in the org (deploy salesforce/force-app); SOSL finds new or changed records only once Salesforce has indexed them, minutes later',
      };
    return undefined;
  }
}
