/**
 * The Call Center definition's options that change how commands behave (C6).
 * Provided from configuration; the Call Center XML becomes their source with
 * the CRM module.
 */
export interface CallCenterOptions {
  allowContactRelease: boolean;
  /** Seconds after hang-up before the contact is released automatically; -1 off. */
  automaticContactReleaseSeconds: number;
}

export const CALL_CENTER_OPTIONS = Symbol('CALL_CENTER_OPTIONS');
