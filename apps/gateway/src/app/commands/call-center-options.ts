import type { PanelConfig } from '@puente/contracts';

/**
 * The Call Center definition's options that change how commands and the
 * panel behave (C6), resolved per session by SessionSettings: the gateway's
 * file, or the org's Call Center the panel read from Salesforce.
 */
export type CallCenterOptions = Omit<PanelConfig, 'source'>;
