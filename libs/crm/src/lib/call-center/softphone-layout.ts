import { CRM_OBJECTS, type CallType, type CrmObjectType, type PopLayout } from './settings';

/**
 * The Softphone Layout as Open CTI for Lightning returns it from
 * `sforce.opencti.getSoftphoneLayout` (Open CTI developer guide,
 * "getSoftphoneLayout() for Lightning Experience", API 38.0+): three keys,
 * Inbound / Outbound / Internal, each with `callRelatedFields` (ANI, DNIS,
 * SEGMENT, QUEUE), `objects` (object API name → the fields shown, as
 * {displayName, apiName}) and `screenPopSettings` with an optional
 * `screenPopsOpenWithin` and one entry per match count (NoMatch,
 * SingleMatch, MultipleMatches) of {screenPopType, screenPopData?}.
 * The guide's own example returns `screenPopSettings: {}` for a call type
 * without pops: a match count that is absent pops nothing ("Don't pop any
 * screen" in Setup; inferred from that example).
 */
export const SOFTPHONE_CALL_TYPES = ['Inbound', 'Outbound', 'Internal'] as const;
export type SoftphoneCallType = (typeof SOFTPHONE_CALL_TYPES)[number];
export const MATCH_COUNTS = ['NoMatch', 'SingleMatch', 'MultipleMatches'] as const;
export type MatchCount = (typeof MATCH_COUNTS)[number];
export const SCREEN_POP_TYPES = ['PopToEntity', 'PopToVisualforce', 'PopToSearch', 'PopToFlow'] as const;
export type ScreenPopType = (typeof SCREEN_POP_TYPES)[number];
export const CALL_RELATED_FIELDS = ['ANI', 'DNIS', 'SEGMENT', 'QUEUE'] as const;

export interface ScreenPopSetting {
  screenPopType: ScreenPopType;
  /** PopToEntity: the object (NoMatch: the new record's type); PopToVisualforce / PopToFlow: the page or flow. */
  screenPopData?: string;
}

export interface SoftphoneCallTypeLayout {
  callRelatedFields: string[];
  objects: Record<string, { displayName: string; apiName: string }[]>;
  screenPopSettings: {
    screenPopsOpenWithin?: 'ExistingWindow' | 'NewWindow';
  } & Partial<Record<MatchCount, ScreenPopSetting>>;
}

export type SoftphoneLayout = Record<SoftphoneCallType, SoftphoneCallTypeLayout>;

const CALL_TYPE_OF: Record<SoftphoneCallType, CallType> = {
  Inbound: 'inbound',
  Outbound: 'outbound',
  Internal: 'internal',
};

export interface LayoutIssue {
  path: string;
  message: string;
}

const isCrmObject = (name: string | undefined): name is CrmObjectType =>
  (CRM_OBJECTS as readonly string[]).includes(name ?? '');

/**
 * The pop rules (C2) a Softphone Layout gives, per call type. What Puente
 * cannot execute (a Visualforce page or a flow; a new record of another
 * object) pops nothing and is reported, so the panel can say why.
 */
export function popLayoutsFrom(layout: SoftphoneLayout): {
  layouts: Record<CallType, PopLayout>;
  issues: LayoutIssue[];
} {
  const issues: LayoutIssue[] = [];
  const layouts = {} as Record<CallType, PopLayout>;
  for (const type of SOFTPHONE_CALL_TYPES) {
    const pops = layout[type].screenPopSettings;
    const unsupported = (count: MatchCount, setting: ScreenPopSetting) =>
      issues.push({
        path: `/${type}/screenPopSettings/${count}`,
        message: `${setting.screenPopType}${setting.screenPopData ? ` ${setting.screenPopData}` : ''} is not supported by Puente: nothing pops`,
      });
    let noMatch: PopLayout['noMatch'] = { action: 'none' };
    const none = pops.NoMatch;
    if (none?.screenPopType === 'PopToEntity' && isCrmObject(none.screenPopData))
      noMatch = { action: 'new', objectType: none.screenPopData };
    else if (none) unsupported('NoMatch', none);
    const single = pops.SingleMatch;
    // Lightning opens the matched record itself; screenPopData names no other target for PopToEntity.
    const singleMatch = single?.screenPopType === 'PopToEntity' ? 'open' : 'none';
    if (single && singleMatch === 'none') unsupported('SingleMatch', single);
    const multiple = pops.MultipleMatches;
    const multipleMatches = multiple?.screenPopType === 'PopToSearch' ? 'search' : 'none';
    if (multiple && multipleMatches === 'none') unsupported('MultipleMatches', multiple);
    layouts[CALL_TYPE_OF[type]] = { noMatch, singleMatch, multipleMatches };
  }
  return { layouts, issues };
}

/** The Lightning shape of Puente's pop rules: the local org's default layout and its setup page. */
export function softphoneLayoutFrom(
  layouts: Record<CallType, PopLayout>,
  objects: SoftphoneCallTypeLayout['objects'] = DEFAULT_LAYOUT_OBJECTS,
): SoftphoneLayout {
  const out = {} as SoftphoneLayout;
  for (const type of SOFTPHONE_CALL_TYPES) {
    const rule = layouts[CALL_TYPE_OF[type]];
    const pops: SoftphoneCallTypeLayout['screenPopSettings'] = { screenPopsOpenWithin: 'ExistingWindow' };
    if (rule.noMatch.action === 'new')
      pops.NoMatch = { screenPopType: 'PopToEntity', screenPopData: rule.noMatch.objectType };
    if (rule.singleMatch === 'open') pops.SingleMatch = { screenPopType: 'PopToEntity' };
    if (rule.multipleMatches === 'search') pops.MultipleMatches = { screenPopType: 'PopToSearch' };
    out[type] = {
      callRelatedFields:
        type === 'Outbound' ? ['DNIS'] : type === 'Internal' ? ['ANI', 'DNIS'] : ['ANI', 'DNIS', 'QUEUE'],
      objects: type === 'Internal' ? { User: [{ displayName: 'Name', apiName: 'Name' }] } : objects,
      screenPopSettings: pops,
    };
  }
  return out;
}

const DEFAULT_LAYOUT_OBJECTS: SoftphoneCallTypeLayout['objects'] = {
  Contact: [
    { displayName: 'Name', apiName: 'Name' },
    { displayName: 'Phone', apiName: 'Phone' },
  ],
  Account: [
    { displayName: 'Account Name', apiName: 'Name' },
    { displayName: 'Phone', apiName: 'Phone' },
  ],
  Lead: [
    { displayName: 'Name', apiName: 'Name' },
    { displayName: 'Company', apiName: 'Company' },
  ],
  Opportunity: [{ displayName: 'Opportunity Name', apiName: 'Name' }],
};

/** The layout a new local org starts with: seed 004's recommendation (new Contact, open the record, search page). */
export function defaultSoftphoneLayout(): SoftphoneLayout {
  return softphoneLayoutFrom({
    inbound: {
      noMatch: { action: 'new', objectType: 'Contact' },
      singleMatch: 'open',
      multipleMatches: 'search',
    },
    outbound: { noMatch: { action: 'none' }, singleMatch: 'open', multipleMatches: 'search' },
    internal: { noMatch: { action: 'none' }, singleMatch: 'none', multipleMatches: 'none' },
  });
}
