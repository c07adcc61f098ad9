import type { PanelConfig } from '@puente/contracts';

/**
 * The Call Center definition's options that change how commands and the
 * panel behave (C6). Until the Call Center XML is read (CRM module), the
 * values are the Neotel document's defaults, with the two release options
 * overridable from configuration.
 */
export type CallCenterOptions = PanelConfig;

export const CALL_CENTER_OPTIONS = Symbol('CALL_CENTER_OPTIONS');
