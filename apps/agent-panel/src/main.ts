import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';
import { loadRuntimeConfig } from './app/core/runtime-config';

/** config.json beside the app; a missing one (404 page, network error) throws, so only the default gateway is used. */
async function fetchConfig(): Promise<unknown> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return response.json();
}

loadRuntimeConfig(window.location, fetchConfig)
  .then((runtime) => bootstrapApplication(AppComponent, appConfig(runtime)))
  .catch((error: unknown) => console.error('Puente panel failed to start', error));
