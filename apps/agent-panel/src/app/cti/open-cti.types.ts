/**
 * The part of Salesforce's `sforce.opencti` (Lightning) the panel uses, as
 * documented in the Open CTI developer guide. Every method takes one object;
 * answers come to `callback` as `{success, returnValue, errors}`.
 */
export interface OpenCtiResponse<T = unknown> {
  success: boolean;
  returnValue: T;
  errors: null | { code: string; description: string; details?: unknown }[];
}

export type OpenCtiCallback<T = unknown> = (response: OpenCtiResponse<T>) => void;

/** What onClickToDial pushes when the agent clicks a phone field. */
export interface ClickToDialPayload {
  number: string;
  recordId?: string;
  recordName?: string;
  objectType?: string;
  accountId?: string;
  contactId?: string;
  personAccount?: boolean;
  params?: string;
}

export const SCREENPOP_TYPE = {
  URL: 'url',
  SOBJECT: 'sobject',
  OBJECTHOME: 'objecthome',
  LIST: 'list',
  SEARCH: 'search',
  NEW_RECORD_MODAL: 'newRecord',
  FLOW: 'flow',
} as const;

export type ScreenPopType = (typeof SCREENPOP_TYPE)[keyof typeof SCREENPOP_TYPE];

export type ScreenPopRequest =
  | { type: typeof SCREENPOP_TYPE.SOBJECT; params: { recordId: string } }
  | { type: typeof SCREENPOP_TYPE.SEARCH; params: { searchString: string } }
  | {
      type: typeof SCREENPOP_TYPE.NEW_RECORD_MODAL;
      params: { entityName: string; defaultFieldValues: Record<string, string> };
    }
  | { type: typeof SCREENPOP_TYPE.URL; params: { url: string } };

export interface SforceOpenCti {
  SCREENPOP_TYPE?: Record<string, string>;
  screenPop(args: ScreenPopRequest & { callback?: OpenCtiCallback<null> }): void;
  enableClickToDial(args: { callback?: OpenCtiCallback<null> }): void;
  disableClickToDial(args: { callback?: OpenCtiCallback<null> }): void;
  onClickToDial(args: { listener: (payload: ClickToDialPayload) => void }): void;
  notifyInitializationComplete(args: { callback?: OpenCtiCallback<null> }): void;
  setSoftphonePanelVisibility(args: { visible: boolean; callback?: OpenCtiCallback<null> }): void;
  isSoftphonePanelVisible(args: { callback: OpenCtiCallback<{ visible: boolean }> }): void;
  setSoftphonePanelHeight(args: { heightPX: number; callback?: OpenCtiCallback<null> }): void;
  setSoftphonePanelWidth(args: { widthPX: number; callback?: OpenCtiCallback<null> }): void;
  /** The org's Call Center, flattened to "/section/item" keys (Lightning, API 38.0+). */
  getCallCenterSettings(args: { callback: OpenCtiCallback<Record<string, string>> }): void;
  /** The user's Softphone Layout: Inbound / Outbound / Internal (Lightning, API 38.0+). */
  getSoftphoneLayout(args: { callback: OpenCtiCallback<unknown> }): void;
  /** The utility bar item's label, shown while the panel is minimised (Lightning only). */
  setSoftphoneItemLabel(args: { label: string; callback?: OpenCtiCallback<null> }): void;
  /** The utility bar item's icon: an SLDS utility icon key ("call", "pause", "phone_portrait"). */
  setSoftphoneItemIcon(args: { key: string; callback?: OpenCtiCallback<null> }): void;
}

/** Limits Salesforce puts on the softphone panel's size. */
export const PANEL_LIMITS = { width: { min: 200, max: 1920 }, height: { min: 240, max: 2560 } } as const;
