import type { HttpInterceptorFn } from '@angular/common/http';
import { DOCUMENT, inject } from '@angular/core';
import { throwError } from 'rxjs';
import { PanelError } from '../api/api-error';
import { originOf } from './gateway-origin';
import { RUNTIME_CONFIG } from './runtime-config';

/**
 * The last word on where the panel's HTTP requests go (issue 14 §2): a
 * configured gateway or the panel's own origin, never anywhere else, so no
 * future code path can hand a token to a host the configuration did not name.
 */
export const gatewayOnlyInterceptor: HttpInterceptorFn = (request, next) => {
  const { gatewayOrigins } = inject(RUNTIME_CONFIG);
  const base = inject(DOCUMENT).baseURI;
  const origin = originOf(request.url, base);
  if (origin === null || (origin !== originOf(base) && !gatewayOrigins.includes(origin))) {
    return throwError(
      () => new PanelError('GATEWAY_NOT_ALLOWED', `${origin ?? request.url} is not a configured gateway`),
    );
  }
  return next(request);
};
