import { readFileSync } from 'node:fs';
import { type CallCenterSettings, generateCallCenterXml, readCallCenterSettings } from '@puente/crm';
import { ConfigError } from '@puente/server-kit';
import type { CallCenterOptions } from '../commands/call-center-options';

export const CALL_CENTER_SETTINGS = Symbol('CALL_CENTER_SETTINGS');

/** Reads the Call Center definition at boot; a bad file stops the gateway naming the file and each bad item. */
export function loadCallCenterSettings(file: string): CallCenterSettings {
  let xml: string;
  try {
    xml = file ? readFileSync(file, 'utf8') : generateCallCenterXml();
  } catch (error) {
    throw new ConfigError([
      { variable: 'CALL_CENTER_FILE', message: `cannot read ${file} (${(error as Error).message})` },
    ]);
  }
  const result = readCallCenterSettings(xml);
  if (!result.ok) {
    throw new ConfigError(
      result.errors.map((e) => ({ variable: 'CALL_CENTER_FILE', message: `${e.path}: ${e.message}` })),
    );
  }
  return result.settings;
}

export function panelOptions(s: CallCenterSettings): CallCenterOptions {
  return {
    allowCategorization: s.allowCategorization,
    allowContactRelease: s.allowContactRelease,
    automaticContactRelease: s.automaticContactRelease,
    allowClickToDialSearch: s.allowClickToDialSearch,
    useTaskDescriptionField: s.useTaskDescriptionField,
    allowTextMessage: s.allowTextMessage,
    softphoneWidth: s.general.softphoneWidth,
    softphoneHeight: s.general.softphoneHeight,
    anonymousLabel: s.puente.anonymousLabel,
  };
}
