import { parseSoql } from '../soql/parser';
import { parseSosl } from '../sosl/parser';

/**
 * One API call the org served, after Event Monitoring's ApiEvent: who made
 * it, the method and URI, the SOQL or SOSL text and the objects it named.
 */
export interface ApiEvent {
  /** Increases by one per event, so a reader can ask for what came after a mark. */
  seq: number;
  eventDate: string;
  username: string;
  method: string;
  /** The resource after /services/data/vNN.N as it arrived (an HTTP client resolves dot segments before sending). */
  uri: string;
  /** The `q` parameter of query, queryAll and search. */
  query: string | null;
  /** The objects named: the sobject of a record URL, the FROM of a query, the RETURNING of a search. */
  queriedEntities: string[];
  statusCode: number;
}

export interface ApiCall {
  username: string;
  method: string;
  path: string;
  query: URLSearchParams;
  statusCode: number;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function entitiesOf(parts: string[], q: string | null): string[] {
  const resource = parts[0]?.toLowerCase();
  try {
    if (resource === 'sobjects' && parts[1]) return [parts[1]];
    if ((resource === 'query' || resource === 'queryall') && parts.length === 1 && q)
      return [parseSoql(q).from.name];
    if (resource === 'search' && q) return (parseSosl(q).returning ?? []).map((r) => r.object);
  } catch {
    // A query the org refused still reached it: logged, with no entities.
  }
  return [];
}

/**
 * The org's API event log: every authenticated data API call, newest last,
 * the latest `capacity` kept. Read-only for operators and tests at
 * GET /__emulator/api-events, so that a test can assert on what reached
 * the org rather than on what a client says it sent.
 */
export class ApiEventLog {
  private readonly events: ApiEvent[] = [];
  private seq = 0;

  constructor(
    readonly capacity = 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  record(call: ApiCall): void {
    const parts = call.path
      .split('/')
      .filter((s) => s.length > 0)
      .map(decoded);
    const q = call.query.get('q');
    this.events.push({
      seq: ++this.seq,
      eventDate: new Date(this.clock()).toISOString(),
      username: call.username,
      method: call.method,
      uri: call.path,
      query: q,
      queriedEntities: entitiesOf(parts, q),
      statusCode: call.statusCode,
    });
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
  }

  /** The events after `seq` (all kept ones by default). */
  after(seq = 0): ApiEvent[] {
    return this.events.filter((e) => e.seq > seq);
  }

  /** The seq of the newest event: a mark to read from later. */
  get last(): number {
    return this.seq;
  }
}
