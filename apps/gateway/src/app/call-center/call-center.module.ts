import { readFileSync } from 'node:fs';
import { Global, Module } from '@nestjs/common';
import { type CallCenterSettings, generateCallCenterXml, readCallCenterSettings } from '@puente/crm';
import { ConfigError } from '@puente/server-kit';
import { CALL_CENTER_OPTIONS, type CallCenterOptions } from '../commands/call-center-options';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';

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

/** The Call Center definition (C7) is the source of the options commands and the panel follow (C6). */
@Global()
@Module({
  providers: [
    {
      provide: CALL_CENTER_SETTINGS,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => loadCallCenterSettings(config.CALL_CENTER_FILE),
    },
    { provide: CALL_CENTER_OPTIONS, inject: [CALL_CENTER_SETTINGS], useFactory: panelOptions },
  ],
  exports: [CALL_CENTER_SETTINGS, CALL_CENTER_OPTIONS],
})
export class CallCenterModule {}
