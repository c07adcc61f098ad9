// The floor of `npm run bench -- ivr`: the least an HTTP service in front of
// the database can cost per request. It reads each request's body and answers
// a fixed JSON, with no signature check, validation or database call, so its
// CPU per request is what one more process and one more HTTP hop cost on this
// machine at that concurrency. The gateway's figures are read against it.
import { createServer } from 'node:http';

const port = Number(process.env.BARE_HOP_PORT ?? 0);
const answer = JSON.stringify({ clavesf: '1-bare', contactId: '1', data: 'bare', created: true });

createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
}).listen(port, '127.0.0.1');
