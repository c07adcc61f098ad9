// The baseline of `npm run bench -- events`: the least a relay can do between
// a NeoApi dialer and panels. Per connected agent it opens the dialer's push
// stream and forwards each event to the agent's socket.io room, with no
// validation, state, persistence or sequencing. The gateway's figures are
// read against these. It reads the push streams as the gateway does, over
// node:http (fetch would cost it ~12 KiB more per agent).
import { createServer, request } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.RELAY_PORT ?? 0);
const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
});
const io = new Server(http, { transports: ['websocket'] });

io.of('/agents').on('connection', (socket) => {
  const { dialerToken, dialerUrl } = socket.handshake.auth;
  const abort = new AbortController();
  socket.on('disconnect', () => abort.abort());
  void relay(socket, dialerUrl, dialerToken, abort.signal).catch(() => socket.disconnect(true));
});

async function relay(socket, dialerUrl, token, signal) {
  const res = await new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    const req = request(`${dialerUrl}/neoapi/v1/events?after=0`, { headers, signal }, resolve);
    req.once('error', reject);
    req.end();
  });
  res.setEncoding('utf8');
  let buffer = '';
  for await (const chunk of res) {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message.split('\n').find((l) => l.startsWith('data: '));
      if (!data) continue;
      const e = JSON.parse(data.slice(6));
      const breakState = e.data?.breakState ?? null;
      socket.emit('event', {
        seq: e.seq,
        type: e.type === 'AgentState' ? 'agent.state_changed' : e.type,
        at: e.at,
        agentId: e.agentId,
        payload: { activity: e.data?.state, breakState },
      });
    }
  }
}

http.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
