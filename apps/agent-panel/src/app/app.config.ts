import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { RUNTIME_CONFIG, type RuntimeConfig } from './core/runtime-config';

export function appConfig(runtime: RuntimeConfig): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      // Signals drive every view; no zone.js in the bundle (it would cost ~35 KB and nothing needs it).
      provideZonelessChangeDetection(),
      provideHttpClient(withFetch()),
      { provide: RUNTIME_CONFIG, useValue: runtime },
    ],
  };
}
