import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AgentEvent,
  type AgentEventPayloads,
  type AgentEventType,
  type AgentState,
  IDEMPOTENCY_HEADER,
  initialAgentState,
  reduceAgentState,
} from '@puente/contracts';
import { Server as IoServer } from 'socket.io';

const AGENT = 'agent-1001';
const CONTACT = {
  contactId: '5001',
  databaseId: '12',
  crmId: '3',
  crmKey: '',
  phoneNumber: '+5491145550101',
  campaignId: '97',
  queueId: null,
  callReason: null,
  externalData: {},
};

type Json = Record<string, unknown>;
type Reply = { status?: number; body: unknown };

/**
 * A gateway that follows the real one's REST routes and socket.io protocol
 * (commands → events with seq, resume with last seq) but plays a script
 * instead of driving a dialer. The browser tests use it to work every
 * function of the panel while the dialer emulator is still being built;
 * the same agent day against the real stack is real-stack.spec.ts.
 */
export class ScriptedGateway {
  readonly events: AgentEvent[] = [];
  /** Every command received: path and Idempotency-Key, to check retries reuse keys. */
  readonly commands: { path: string; key: string | null; body: unknown }[] = [];
  /** What panels sent from Salesforce (PUT /session/salesforce-settings, issue 17 §2). */
  readonly salesforceSettings: unknown[] = [];
  private state: AgentState = initialAgentState(AGENT);
  private server: Server | undefined;
  private io: IoServer | undefined;
  private callSeq = 0;
  /** The refresh token it last issued; it rotates on every refresh, as the real gateway's does. */
  private refreshToken = '';
  private tokenSeq = 0;
  /** Set to make the next command fail once with a network error (the panel retries with the same key). */
  dropNextCommand = false;
  url = '';

  /** Listens on `at` (a URL on the panel's list of gateways) or, without one, on any free port. */
  async start(at?: string): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    const io = new IoServer(server, { cors: { origin: true, credentials: true }, transports: ['websocket'] });
    io.of('/status').on('connection', (socket) => socket.emit('health', this.health()));
    io.of('/agents').on('connection', (socket) => {
      void socket.join(AGENT);
      socket.on('resume', (request: { lastSeq: number }, ack: (result: unknown) => void) => {
        const missed = this.events.filter((e) => e.seq > (request?.lastSeq ?? 0));
        ack({ mode: 'replay', events: missed });
      });
    });
    const port = at ? Number(new URL(at).port) : 0;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.io = io;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.io ? void this.io.close(() => resolve()) : resolve(),
    );
    // The server's close waits for every open connection, and the page, still open during afterEach,
    // keeps its keep-alive ones: end them now rather than after a close that would never come.
    this.server?.closeAllConnections();
    await closed;
  }

  /** Drops every socket; they come back on their own and resume from their last seq. */
  disconnectSockets(): void {
    this.io?.of('/agents').disconnectSockets(true);
  }

  /** A predictive call for the agent, with the gateway's Salesforce decision. */
  offerCall(
    pop: AgentEventPayloads['crm.pop']['decision'],
    caller: AgentEventPayloads['crm.pop']['caller'],
    candidates?: AgentEventPayloads['crm.pop']['candidates'],
  ) {
    const callId = this.newCall();
    this.emit('call.offered', {
      callId,
      direction: 'outbound',
      party: CONTACT.phoneNumber,
      dialerMode: 'predictive',
      campaignId: '97',
      queueId: null,
      status: 'ringing',
      contact: { ...CONTACT, lastCallId: callId },
    });
    this.emit('crm.pop', {
      callId,
      searchBy: 'Phone',
      searchData: CONTACT.phoneNumber,
      decision: pop,
      matches: candidates?.length ?? (pop.type === 'record' ? 1 : 0),
      callerName: caller?.name ?? (candidates ? `${candidates.length} records match` : 'New caller'),
      caller,
      ...(candidates ? { candidates } : {}),
    });
    return callId;
  }

  answer(): void {
    const call = this.state.call;
    if (call) this.emit('call.answered', { callId: call.callId });
  }

  emit<K extends AgentEventType>(type: K, payload: AgentEventPayloads[K]): void {
    const event = {
      seq: this.state.seq + 1,
      type,
      at: new Date().toISOString(),
      agentId: AGENT,
      payload,
    } as AgentEvent;
    this.state = reduceAgentState(this.state, event);
    this.events.push(event);
    this.io?.of('/agents').to(AGENT).emit('event', event);
  }

  /** What the customer of the next manual call does (issue 16 §2.7: calls that are never answered). */
  dialOutcome: 'answer' | 'busy' | 'no_answer' | 'failed' | 'busy-at-once' = 'answer';

  private agent: Json | null = null;

  private tokens(): Json {
    this.tokenSeq += 1;
    this.refreshToken = `refresh-${this.tokenSeq}`;
    return {
      sessionId: 's1',
      accessToken: `token-${this.tokenSeq}`,
      expiresIn: 3600,
      refreshToken: this.refreshToken,
      refreshExpiresIn: 43_200,
      agent: this.agent,
    };
  }

  private newCall(): string {
    return `call-${++this.callSeq}`;
  }

  private health(): Json {
    const up = (name: string) => ({
      name,
      status: 'up',
      latencyMs: 2,
      checkedAt: new Date().toISOString(),
      error: null,
    });
    return {
      status: 'ok',
      service: 'gateway',
      version: '0.1.0',
      uptimeSeconds: 1,
      upstreams: [up('dialer'), up('salesforce'), up('database')],
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Headers', `Authorization, Content-Type, ${IDEMPOTENCY_HEADER}`);
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Json) : {};
    const path = (req.url ?? '').replace(/^\/api\/v1/, '').split('?')[0];
    if (req.method === 'POST' && !path.startsWith('/sessions')) {
      this.commands.push({
        path,
        key: (req.headers[IDEMPOTENCY_HEADER.toLowerCase()] as string) ?? null,
        body,
      });
      if (this.dropNextCommand) {
        this.dropNextCommand = false;
        return void req.socket.destroy();
      }
    }
    const reply = this.route(req.method ?? 'GET', path, body);
    res
      .writeHead(reply.status ?? 200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify(reply.body));
  }

  private route(method: string, path: string, body: Json): Reply {
    const ok = { body: { accepted: true } };
    const call = this.state.call;
    const key = `${method} ${path.replace(/\/call-\d+/, '/:call').replace(/\/\d+\//, '/:id/')}`;
    switch (key) {
      case 'POST /sessions':
        if (body['password'] !== 'secret')
          return { status: 401, body: { code: 'BAD_CREDENTIALS', message: 'bad' } };
        this.emit('agent.logged_in', {
          user: String(body['user']),
          device: String(body['device']),
          displayName: 'Ana Agent',
          email: 'ana@puente.demo',
          roles: ['agent'],
        });
        this.agent = {
          agentId: AGENT,
          user: String(body['user']),
          displayName: 'Ana Agent',
          email: null,
          device: String(body['device']),
          roles: ['agent'],
        };
        return { body: this.tokens() };
      case 'POST /sessions/refresh':
        if (!this.agent || body['refreshToken'] !== this.refreshToken)
          return { status: 401, body: { code: 'UNAUTHENTICATED', message: 'The session has ended' } };
        return { body: this.tokens() };
      case 'DELETE /sessions/current':
        this.agent = null;
        return ok;
      case 'PUT /session/salesforce-settings':
        // What the panel read through Open CTI: answered as the gateway does, the org's values in force.
        this.salesforceSettings.push(body);
        return {
          body: panelConfig(
            body['callCenter'] ? 'salesforce' : 'gateway',
            body['softphoneLayout'] ? 'salesforce' : 'gateway',
          ),
        };
      case 'GET /config':
        return { body: panelConfig('gateway', 'gateway') };
      case 'GET /me/settings':
        return { body: { width: 380, height: 600, autoMinimize: false, locale: null } };
      case 'PUT /me/settings':
        return { body };
      case 'GET /campaigns':
        return {
          body: {
            items: [{ id: '97', name: 'SALESFORCE', dialerMode: 'predictive', crmId: '3', baseId: '12' }],
          },
        };
      case 'GET /campaigns/:id/transfer-numbers':
        return { body: { items: [{ number: '+541148000000', label: 'Back office' }] } };
      case 'GET /break-states':
        return {
          body: {
            items: [{ id: '1', name: '1 - Descanso', system: true, productive: false, maxSeconds: 900 }],
          },
        };
      case 'GET /users':
        return {
          body: {
            items: [
              {
                id: 'u2',
                user: '1002',
                displayName: 'Bruno Supervisor',
                roles: ['agent'],
                activity: 'available',
              },
            ],
          },
        };
      case 'GET /crm/search':
        return {
          body: {
            items: [
              { objectType: 'Contact', id: '003000000000001AAA', name: 'María Pérez' },
              { objectType: 'Account', id: '001000000000001AAA', name: 'Acme Distribuciones del Litoral' },
              { objectType: 'Lead', id: '00Q000000000001AAA', name: 'Marcos Pereyra' },
            ],
          },
        };
      case 'GET /queues':
        return { body: { items: [{ id: '10', name: 'Ventas' }] } };
      case 'GET /crms/:id/categories':
        return {
          body: {
            items: [
              { id: '1', name: 'Venta', schedules: false, subcategories: [{ id: '11', name: 'Contado' }] },
              { id: '2', name: 'Volver a llamar', schedules: true, subcategories: [] },
            ],
          },
        };
      case 'POST /campaigns/:id/join':
        this.emit('agent.campaign_joined', {
          campaignId: '97',
          campaignName: 'SALESFORCE',
          dialerMode: 'predictive',
        });
        this.emit('agent.state_changed', { activity: 'available', breakState: null });
        return { body: { id: '97', name: 'SALESFORCE', dialerMode: 'predictive', crmId: '3', baseId: '12' } };
      case 'POST /campaigns/:id/leave':
        this.emit('agent.campaign_left', { campaignId: '97' });
        return ok;
      case 'POST /agent/pause':
        this.emit('agent.state_changed', {
          activity: 'paused',
          breakState: { id: '1', name: '1 - Descanso' },
        });
        return ok;
      case 'POST /agent/unpause':
      case 'POST /agent/ready':
        this.emit('agent.state_changed', { activity: 'available', breakState: null });
        return ok;
      case 'POST /calls': {
        const callId = this.newCall();
        this.emit('call.offered', {
          callId,
          direction: 'outbound',
          party: String(body['number']),
          dialerMode: 'manual',
          campaignId: null,
          queueId: null,
          status: 'dialing',
          contact: { ...CONTACT, phoneNumber: String(body['number']), lastCallId: callId },
        });
        const outcome = this.dialOutcome;
        // The customer's answer, or how a call nobody answered ends ('at-once': before the dial's reply).
        if (outcome === 'answer') setTimeout(() => this.emit('call.answered', { callId }), 300);
        else if (outcome === 'busy-at-once') this.emit('call.ended', { callId, cause: 'busy' });
        else setTimeout(() => this.emit('call.ended', { callId, cause: outcome }), 300);
        return { body: { callId } };
      }
      case 'POST /calls/:call/hangup':
        if (call) this.emit('call.ended', { callId: call.callId, cause: 'agent_hangup' });
        return ok;
      case 'POST /calls/:call/hold':
        if (call) this.emit('call.held', { callId: call.callId });
        return ok;
      case 'POST /calls/:call/unhold':
        if (call) this.emit('call.resumed', { callId: call.callId });
        return ok;
      case 'POST /calls/:call/dtmf':
        if (call) this.emit('call.dtmf_sent', { callId: call.callId, digits: String(body['digits']) });
        return ok;
      case 'POST /calls/:call/transfer': {
        const target = body['target'] as { kind: 'number'; id: string };
        if (call)
          this.emit('call.transfer_started', {
            callId: call.callId,
            mode: body['mode'] as 'attended',
            target: { ...target, label: target.id },
          });
        return ok;
      }
      case 'POST /calls/:call/transfer/end':
        if (call) this.emit('call.transfer_ended', { callId: call.callId, outcome: 'cancelled' });
        return ok;
      case 'POST /calls/:call/conference':
        if (call) this.emit('call.conference_started', { callId: call.callId });
        return ok;
      case 'POST /calls/:call/conference/participants': {
        const target = body['target'] as { kind: 'number' | 'user'; id: string };
        const id = `p${this.events.length}`;
        if (call)
          this.emit('call.participant_joined', {
            callId: call.callId,
            participant: { id, kind: target.kind, address: target.id, label: target.id },
          });
        return { body: { participantId: id } };
      }
      case 'POST /calls/:call/conference/kick-all':
        if (call) this.emit('call.conference_ended', { callId: call.callId });
        return ok;
      case 'POST /calls/:call/crm/sync':
        if (call)
          this.emit('crm.record_linked', {
            callId: call.callId,
            objectType: 'Contact',
            recordId: '003000000000001AAA',
            name: 'Synced Person',
          });
        return { status: 202, body: {} };
      case 'POST /contacts/:id/categorize':
      case 'POST /contacts/:id/release':
      case 'POST /contacts/:id/schedule': {
        // A callback, or an agenda category with the time the agent picked.
        const scheduledFor = body['at'] ? String(body['at']) : null;
        this.emit('contact.released', {
          contactId: CONTACT.contactId,
          categoryId: (body['categoryId'] as string) ?? null,
          subcategoryId: (body['subcategoryId'] as string) ?? null,
          scheduledFor,
        });
        this.emit('agent.state_changed', {
          activity: scheduledFor ? 'available' : 'wrap_up',
          breakState: null,
        });
        return path.endsWith('schedule')
          ? { body: { scheduleId: 'sch-1', at: scheduledFor } }
          : { body: { released: true } };
      }
      default:
        return { status: 404, body: { code: 'NOT_FOUND', message: `scripted gateway: no route ${key}` } };
    }
  }
}

type SettingsSource = 'salesforce' | 'gateway';

/** The Call Center options the scripted gateway answers, and which source it says is in force. */
function panelConfig(callCenter: SettingsSource, softphoneLayout: SettingsSource) {
  return {
    allowCategorization: true,
    allowContactRelease: true,
    automaticContactRelease: -1,
    allowClickToDialSearch: true,
    useTaskDescriptionField: true,
    allowTextMessage: false,
    softphoneWidth: 380,
    softphoneHeight: 600,
    source: { callCenter, softphoneLayout, callCenterName: null, problems: [] },
  };
}
