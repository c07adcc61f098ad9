import {
  NEOAPI_METHODS,
  NeoApiError,
  type NeoMethodName,
  type NeoParsedRequest,
  type NeoResponse,
} from '@puente/neoapi';
import { callHandlers } from './call-commands';
import { PasswordChecker } from './password-checker';
import { contactHandlers } from './contact-commands';
import { type EngineParts, type Handler, storeErrorToNeo } from './handlers';
import { lookupHandlers } from './lookup-commands';
import { missedCallHandlers } from './missed-call-commands';
import { monitorHandlers } from './monitor-commands';
import type { AgentRuntime } from './runtime';
import { login, sessionHandlers } from './session-commands';
import { transferHandlers } from './transfer-commands';

type AgentHandlers = { [M in Exclude<NeoMethodName, 'Login'>]: Handler<M> };

/**
 * The webservice's methods, one handler each, checked against the contract
 * both ways: requests before they act, answers before they leave (a handler
 * that drifts from the contract fails loudly in tests, not in the gateway).
 * Not locked here: callers hold DialerEngine.exclusive.
 */
export class NeoApiService {
  private readonly handlers: AgentHandlers;
  private readonly passwords = new PasswordChecker();

  constructor(private readonly parts: EngineParts) {
    this.handlers = {
      ...sessionHandlers(parts),
      ...callHandlers(parts),
      ...contactHandlers(parts),
      ...transferHandlers(parts),
      ...monitorHandlers(parts),
      ...lookupHandlers(parts),
      ...missedCallHandlers(parts.world),
    };
  }

  /** The agent behind a bearer token, or null. */
  agentByToken(token: string | null | undefined): AgentRuntime | null {
    const id = token ? this.parts.world.sessions.get(token) : undefined;
    return id ? (this.parts.world.agents.get(id) ?? null) : null;
  }

  /**
   * Runs a method. `run` wraps the part that touches state (HTTP passes the
   * engine's lock; simulated agents, already inside it, pass nothing).
   */
  async call<M extends NeoMethodName>(
    method: M,
    body: unknown,
    token: string | null,
    run: <T>(fn: () => Promise<T> | T) => Promise<T> = async (fn) => fn(),
  ): Promise<NeoResponse<M>> {
    const spec = NEOAPI_METHODS[method] as (typeof NEOAPI_METHODS)[NeoMethodName] | undefined;
    if (!spec || !Object.hasOwn(NEOAPI_METHODS, method))
      throw new NeoApiError('UNKNOWN_METHOD', `no method ${method}`);
    const parsed = spec.request.safeParse(body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new NeoApiError(
        'VALIDATION_FAILED',
        `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'is invalid'}`,
      );
    }
    try {
      let result: unknown;
      if (method === 'Login') {
        const request = parsed.data as NeoParsedRequest<'Login'>;
        const ok = await this.passwords.check(
          this.parts.world.userByLogin(request.user)?.user,
          request.password,
        );
        result = await run(() => login(this.parts, request, ok));
      } else {
        result = await run(() => this.dispatch(method, spec.auth, parsed.data, token));
      }
      return spec.response.parse(result) as NeoResponse<M>;
    } catch (error) {
      throw storeErrorToNeo(error);
    }
  }

  private async dispatch(method: NeoMethodName, auth: string, request: unknown, token: string | null) {
    const agent = this.agentByToken(token);
    if (!agent) throw new NeoApiError('NOT_LOGGED_IN', 'log in first (Authorization: Bearer <token>)');
    if (auth === 'supervisor' && !agent.user.roles.some((r) => r === 'supervisor' || r === 'admin'))
      throw new NeoApiError('FORBIDDEN', `${method} is for supervisors`);
    const handler = this.handlers[method as Exclude<NeoMethodName, 'Login'>] as Handler<NeoMethodName>;
    return handler(request as never, agent);
  }
}
