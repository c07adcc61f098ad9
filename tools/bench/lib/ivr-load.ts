import { Agent, request } from 'node:http';
import { IVR_HEADERS } from '@puente/contracts';
import { signedHeaders } from '@puente/server-kit';
import { summarise, type Summary } from './stats';

/** One IVR insert: what the endpoint body and the procedure's parameters share. */
export interface IvrInsert {
  data: string;
  ani: string;
  databaseId: string;
}

export interface LoadResult {
  ok: number;
  errors: number;
  perSecond: number;
  latency: Summary;
  firstError: string | null;
}

/**
 * A closed loop: `concurrency` workers each send the next insert as soon as
 * the previous one answered, for `seconds`. Throughput is answered requests
 * per second; latency is per request, in milliseconds.
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  next: () => IvrInsert,
  send: (insert: IvrInsert) => Promise<void>,
): Promise<LoadResult> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await send(next());
        samples.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    ok: samples.length,
    errors,
    perSecond: samples.length / elapsed,
    latency: summarise(samples),
    firstError,
  };
}

/** POST /api/v1/ivr/contacts signed as an IVR would sign it (docs/inbound.md). */
export function gatewaySender(gatewayUrl: string, keyId: string, secret: string) {
  const url = new URL('/api/v1/ivr/contacts', gatewayUrl);
  // node:http with keep-alive rather than fetch: the load generator shares the two cores with the
  // gateway and the database, and undici's fetch costs several times more CPU per request.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return (insert: IvrInsert): Promise<void> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(insert);
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...signedHeaders(IVR_HEADERS, keyId, secret, body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            res.statusCode === 200 || res.statusCode === 201
              ? resolve()
              : reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/**
 * Insert generators. Every request carries a different ANI: a signature is
 * accepted once (replay protection), so two identical bodies within the same
 * second would be refused. New keys: DATA never seen; repeated keys: DATA
 * from a small set inserted during warm-up (D1 finds the contact).
 */
export function inserts(databaseId: string, prefix: string) {
  let n = 0;
  const ani = () => `+54911${String(20_000_000 + (n % 49_999_999)).padStart(8, '0')}`;
  return {
    fresh: (): IvrInsert => {
      n += 1;
      return { data: `${prefix}-${n}`, ani: ani(), databaseId };
    },
    repeated: (keys: number): IvrInsert => {
      n += 1;
      return { data: `${prefix}-warm-${n % keys}`, ani: ani(), databaseId };
    },
  };
}
