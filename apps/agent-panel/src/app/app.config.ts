import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { gatewayOnlyInterceptor } from './core/gateway-only.interceptor';
import { RUNTIME_CONFIG, type RuntimeConfig } from './core/runtime-config';

export function appConfig(runtime: RuntimeConfig): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      // Signals drive every view; no zone.js in the bundle (it would cost ~35 KB and nothing needs it).
      provideZonelessChangeDetection(),
      provideHttpClient(withFetch(), withInterceptors([gatewayOnlyInterceptor])),
      { provide: RUNTIME_CONFIG, useValue: runtime },
    ],
  };
}
