import type { PopDecision } from '@puente/contracts';
import type { CrmObjectType, PopLayout, SearchType } from '../call-center/settings';

export interface CrmMatch {
  objectType: CrmObjectType;
  id: string;
  name: string;
}

export interface Pick<T extends CrmMatch = CrmMatch> {
  /** The one record to open, when there is one. */
  winner: T | null;
  /** Every distinct match. */
  matches: T[];
}

const OBJECT_OF: Record<SearchType, CrmObjectType> = {
  Contact: 'Contact',
  Account: 'Account',
  Lead: 'Lead',
  Opportunity: 'Opportunity',
  Company: 'Account',
};

/**
 * searchTypePriority (C1, seed 004): with several matches, the first type in
 * the priority that matched wins if it matched once; several of that type (or
 * an empty priority) leave it ambiguous: the search page, or nothing.
 */
export function pickByPriority<T extends CrmMatch>(
  found: readonly T[],
  priority: readonly SearchType[],
): Pick<T> {
  const matches = [...new Map(found.map((m) => [m.id, m])).values()];
  if (matches.length === 1) return { winner: matches[0], matches };
  if (matches.length === 0 || priority.length === 0) return { winner: null, matches };
  for (const type of priority) {
    const ofType = matches.filter((m) => m.objectType === OBJECT_OF[type]);
    if (ofType.length === 1) return { winner: ofType[0], matches };
    if (ofType.length > 1) return { winner: null, matches };
  }
  return { winner: null, matches };
}

export interface PopInput {
  layout: PopLayout;
  /** False when there is nothing to search by (CLAVESF "idContacto-", D1): the no-match rule applies. */
  searchable: boolean;
  pick: Pick;
  /** defaultNewRowData values for a new record (C4), neoSyncId__c included. */
  newRecordDefaults: Record<string, string>;
  syncId: string;
  searchString: string;
}

/** The softphone layout's verdict for one call (C2). */
export function decidePop(input: PopInput): PopDecision {
  const { layout, pick } = input;
  if (input.searchable && pick.winner) {
    return layout.singleMatch === 'open'
      ? { type: 'record', objectType: pick.winner.objectType, recordId: pick.winner.id }
      : { type: 'none' };
  }
  if (input.searchable && pick.matches.length > 1) {
    return layout.multipleMatches === 'search' && input.searchString.length >= 3
      ? { type: 'search', searchString: input.searchString }
      : { type: 'none' };
  }
  if (layout.noMatch.action === 'new') {
    return {
      type: 'new_record',
      objectType: layout.noMatch.objectType,
      defaultFieldValues: input.newRecordDefaults,
      syncId: input.syncId,
    };
  }
  return { type: 'none' };
}
