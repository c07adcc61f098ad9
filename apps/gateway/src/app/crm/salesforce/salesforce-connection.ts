import { decorrelatedJitterGenerator, ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { Connection, OAuth2 } from 'jsforce';
import { CrmLoginError, CrmUnavailableError } from '../crm.port';
import type { SalesforceAuthConfig } from '../salesforce-auth';
import { BoundedTransport, type CallScope, currentScope, inScope, untilAborted } from './bounded-transport';
import { SalesforceCircuit, type SalesforceCircuitOptions } from './salesforce-circuit';
import { classify, isInvalidSession } from './salesforce-errors';
import { SalesforceSession } from './salesforce-session';

export interface SalesforceConnectionOptions {
  auth: SalesforceAuthConfig;
  apiVersion: string;
  /** How long a caller waits for one call, token request and retry included. */
  timeoutMs: number;
}

/** The defaults of SALESFORCE_BREAKER_* (docs/configuration.md). */
export const DEFAULT_CIRCUIT: SalesforceCircuitOptions = {
  failures: 5,
  resetMs: 1000,
  maxPauseMs: 5000,
  maxLoginPauseMs: 300_000,
};

/**
 * Every call the gateway makes to Salesforce goes through here (the Crm
 * adapter's requests and the health probe alike), in this order:
 * the circuit (refuses at once while open), a time budget (the caller's
 * time-out aborts the HTTP request itself), the session (a token only when
 * there is none or Salesforce refused the one sent, one request for every
 * caller), the request, replayed at most once after a new token, and a read
 * that failed for want of Salesforce tried once more after a jittered pause.
 */
export class SalesforceConnection {
  readonly conn: Connection;
  readonly session: SalesforceSession;
  private readonly readRetry = retry(handleWhen(worthAnotherRead), {
    maxAttempts: 1,
    backoff: new ExponentialBackoff({
      generator: decorrelatedJitterGenerator,
      initialDelay: 150,
      maxDelay: 1000,
    }),
  });

  constructor(
    private readonly options: SalesforceConnectionOptions,
    readonly circuit = new SalesforceCircuit(DEFAULT_CIRCUIT),
    onTokenRequest?: (outcome: 'issued' | 'refused' | 'failed') => void,
  ) {
    const { auth } = options;
    const transport = new BoundedTransport(options.timeoutMs);
    // The connection's OAuth2 has no client id on purpose: jsforce then installs no refresh function and
    // answers a 401 with INVALID_SESSION_ID, instead of refreshing and replaying the request after every 401.
    this.conn = new Connection({ loginUrl: auth.loginUrl, version: options.apiVersion });
    this.conn._transport = transport;
    const oauth2 = new OAuth2({
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      loginUrl: auth.loginUrl,
    });
    oauth2._transport = transport;
    this.session = new SalesforceSession(this.conn, oauth2, auth, options.timeoutMs, onTokenRequest);
  }

  /** Runs `request` (jsforce calls on `conn`) as one Salesforce call. */
  call<T>(request: () => Promise<T>): Promise<T> {
    return this.circuit.run(() => this.bounded(request));
  }

  /** An authenticated round trip (GET /limits): proves the API serves the gateway's session. */
  async probe(): Promise<void> {
    await this.call(() => this.conn.limits());
  }

  private async bounded<T>(request: () => Promise<T>): Promise<T> {
    const ms = this.options.timeoutMs;
    const over = new AbortController();
    const timer = setTimeout(
      () => over.abort(new CrmUnavailableError(`Salesforce did not answer within ${ms} ms`)),
      ms,
    );
    const scope: CallScope = { deadline: Date.now() + ms, signal: over.signal, methods: [] };
    try {
      return await untilAborted(
        inScope(scope, () => this.withSession(request, scope)),
        over.signal,
      );
    } catch (error) {
      // The transport aborted the request at this call's deadline (jsforce words it as a 30-minute time-out).
      if ((error as Error).name === 'AbortError')
        throw new CrmUnavailableError(`Salesforce did not answer within ${ms} ms`);
      throw classify(error);
    } finally {
      clearTimeout(timer);
      // Whatever of this call is still under way may not send anything more.
      over.abort(new CrmUnavailableError('the Salesforce call is over'));
    }
  }

  private async withSession<T>(request: () => Promise<T>, scope: CallScope): Promise<T> {
    const token = await this.session.current();
    try {
      return await this.readRetry.execute(() => request(), scope.signal);
    } catch (error) {
      if (!isInvalidSession(error)) throw error;
    }
    await this.session.renew(token);
    try {
      return await this.readRetry.execute(() => request(), scope.signal);
    } catch (error) {
      if (!isInvalidSession(error)) throw error;
      throw new CrmLoginError(
        "Salesforce refused the gateway's new session too (INVALID_SESSION_ID right after a fresh token); " +
          "check the integration user's profile (API Enabled), the connected app's OAuth scopes and IP and session settings",
      );
    }
  }
}

/**
 * A read (GET only: nothing was written) that failed because Salesforce could
 * not serve it, while its caller still waits, is worth one more try.
 */
function worthAnotherRead(error: unknown): boolean {
  const scope = currentScope();
  if (!scope || scope.signal.aborted || scope.methods.some((m) => m !== 'GET')) return false;
  if (isInvalidSession(error)) return false;
  const classified = classify(error);
  return classified instanceof CrmUnavailableError && !(classified instanceof CrmLoginError);
}
