import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';
import { loadRuntimeConfig } from './app/core/runtime-config';

loadRuntimeConfig(window.location, () => fetch('config.json', { cache: 'no-store' }).then((r) => r.json()))
  .then((runtime) => bootstrapApplication(AppComponent, appConfig(runtime)))
  .catch((error: unknown) => console.error('Puente panel failed to start', error));
