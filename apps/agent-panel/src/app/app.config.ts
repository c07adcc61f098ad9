import { type ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { RUNTIME_CONFIG, type RuntimeConfig } from './core/runtime-config';

export function appConfig(runtime: RuntimeConfig): ApplicationConfig {
  return {
    providers: [provideBrowserGlobalErrorListeners(), { provide: RUNTIME_CONFIG, useValue: runtime }],
  };
}
