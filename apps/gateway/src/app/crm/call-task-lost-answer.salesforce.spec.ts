import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SalesforceOrg, SF_DEMO } from '../../testing/salesforce-org';
import { CrmUnavailableError } from './crm.port';
import { JsforceCrmAdapter } from './jsforce-crm.adapter';

jest.setTimeout(30_000);

/**
 * A pass-through to the org that, when told, lets Task inserts reach it and
 * then drops the connection instead of the answer: the write lands, the
 * writer never hears of it (a node killed mid-write, a connection cut).
 */
class AnswerDropper {
  dropTaskInserts = 0;
  private server: Server | undefined;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    const upstream = new URL(this.target);
    const server = createServer((req, res) => {
      const drop =
        req.method === 'POST' && /\/sobjects\/Task\/?$/.test(req.url ?? '') && this.dropTaskInserts > 0;
      if (drop) this.dropTaskInserts--;
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          if (drop) {
            // The org has acted; its answer is read and thrown away.
            answer.resume();
            answer.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => req.socket.destroy());
      req.pipe(forward);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/**
 * Issue 18 §2, "Salesforce sees each Task once": a Task write whose answer
 * was lost (it landed, the gateway saw a failure) is retried by the outbox,
 * on this node or another; the retry finds the Task by its CallObject and
 * updates it rather than inserting a second one.
 */
describe('a call Task whose write answer was lost (Salesforce emulator)', () => {
  let org: SalesforceOrg;
  let proxy: AnswerDropper;
  let crm: JsforceCrmAdapter;
  const tasksOf = (callObject: string) =>
    org.query(`SELECT Id, Subject, CallDisposition FROM Task WHERE CallObject = '${callObject}'`);

  beforeAll(async () => {
    org = await new SalesforceOrg().start();
    proxy = await new AnswerDropper(org.url).start();
    crm = new JsforceCrmAdapter({
      auth: {
        flow: 'client_credentials',
        loginUrl: proxy.url,
        clientId: SF_DEMO.clientId,
        clientSecret: SF_DEMO.clientSecret,
        username: undefined,
        password: undefined,
        jwtKeyFile: undefined,
      },
      apiVersion: '62.0',
      timeoutMs: 5000,
    });
    await crm.ping();
  });
  afterAll(async () => {
    await proxy?.stop();
    await org?.stop();
  });

  it('the retry updates the Task the lost write created: one Task, with the later fields', async () => {
    const callObject = `lost-answer-${Date.now()}`;
    const task = { CallObject: callObject, Subject: 'Outbound call +5491155550001', TaskSubtype: 'Call' };
    proxy.dropTaskInserts = 1;
    await expect(crm.upsertCallTask(task)).rejects.toBeInstanceOf(CrmUnavailableError);
    // The write landed although the gateway heard nothing back.
    expect(await tasksOf(callObject)).toHaveLength(1);

    const id = await crm.upsertCallTask({ ...task, CallDisposition: 'Venta / Contado' });
    const tasks = await tasksOf(callObject);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ Id: id, CallDisposition: 'Venta / Contado' });
  });
});
