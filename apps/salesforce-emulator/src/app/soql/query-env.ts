import type { Catalogue } from '../metadata/catalogue';
import type { RecordStore } from '../store/record-store';

/** What a query runs against and on whose behalf. */
export interface QueryEnv {
  catalogue: Catalogue;
  store: RecordStore;
  /** The running user: USING SCOPE mine, and whose time zone date literals use. */
  userId: string;
  timeZone: string;
  now: number;
  /** API version of the request, for the `attributes.url` of records. */
  version: string;
}
