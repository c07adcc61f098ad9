import { Logger } from '@nestjs/common';
import type { Connection, OAuth2 } from 'jsforce';
import { CrmLoginError, CrmUnavailableError } from '../crm.port';
import { type SalesforceAuthConfig, tokenParams } from '../salesforce-auth';
import { inScope } from './bounded-transport';
import { classify } from './salesforce-errors';

/**
 * The gateway's one Salesforce session. A token is requested when there is
 * none, and again only when a request carrying the current one was answered
 * INVALID_SESSION_ID; every caller that meets the same refused token shares
 * one token request, so there is never more than one in flight for the whole
 * gateway. jsforce's own refresh (which replays a request after every 401,
 * without limit) is not used: the connection has no refresh function.
 */
export class SalesforceSession {
  private readonly logger = new Logger('Salesforce');
  private pending: Promise<string> | undefined;

  constructor(
    private readonly conn: Connection,
    private readonly oauth2: OAuth2,
    private readonly auth: SalesforceAuthConfig,
    private readonly timeoutMs: number,
    private readonly onTokenRequest: (outcome: 'issued' | 'refused' | 'failed') => void = () => undefined,
  ) {}

  /** The token to send: the current one, or a new one when the gateway has none yet. */
  current(): Promise<string> {
    return this.conn.accessToken ? Promise.resolve(this.conn.accessToken) : this.renew(undefined);
  }

  /**
   * A token to replace `refused`, which Salesforce answered 401 to. When
   * another caller has already replaced it, that token is used without asking
   * again; when a request is under way, it is shared.
   */
  renew(refused: string | undefined): Promise<string> {
    if (this.pending) return this.pending;
    const token = this.conn.accessToken;
    if (token && token !== refused) return Promise.resolve(token);
    const pending = this.requestToken().finally(() => {
      if (this.pending === pending) this.pending = undefined;
    });
    this.pending = pending;
    return pending;
  }

  private async requestToken(): Promise<string> {
    let params: ReturnType<typeof tokenParams>;
    try {
      params = tokenParams(this.auth);
    } catch (error) {
      this.onTokenRequest('refused');
      throw new CrmLoginError(`cannot build the Salesforce login request: ${(error as Error).message}`);
    }
    // Its own time budget: the token serves every caller waiting for it, not only the one that asked.
    const scope = {
      deadline: Date.now() + this.timeoutMs,
      signal: new AbortController().signal,
      methods: [],
    };
    try {
      const res = await inScope(scope, () => this.oauth2.requestToken(params));
      this.conn.accessToken = res.access_token;
      this.conn.instanceUrl = res.instance_url;
      this.onTokenRequest('issued');
      this.logger.log({
        instanceUrl: res.instance_url,
        msg: `authorized with Salesforce (${this.auth.flow})`,
      });
      return res.access_token;
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'AbortError') {
        this.onTokenRequest('failed');
        throw new CrmUnavailableError(
          `Salesforce did not answer the token request within ${this.timeoutMs} ms`,
        );
      }
      // jsforce names an OAuth refusal after its error code (invalid_client, invalid_grant…).
      if (/^[a-z]+(_[a-z]+)+$/.test(name)) {
        this.onTokenRequest('refused');
        throw new CrmLoginError(
          `Salesforce refused the gateway's ${this.auth.flow} login (${name}: ${(error as Error).message}); ` +
            'check the connected app, the integration user and the SALESFORCE_* settings',
        );
      }
      this.onTokenRequest('failed');
      throw classify(error);
    }
  }
}
