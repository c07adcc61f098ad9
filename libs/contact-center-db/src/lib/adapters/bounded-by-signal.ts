import { ContactDbError } from '../port/contact-db';

/**
 * `work`, or DATABASE_UNAVAILABLE as soon as `signal` aborts: for a caller
 * such as a health probe that must have its answer in time whatever the
 * driver does. The work itself goes on, bounded by the driver's own
 * time-outs (pg's query_timeout, mssql's requestTimeout).
 */
export function boundedBySignal<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () =>
      reject(
        new ContactDbError('DATABASE_UNAVAILABLE', 'the contact-center database did not answer in time'),
      );
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
