import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

/** PostgreSQL protocol 3.0, the code a StartupMessage carries after its length. */
const PROTOCOL_3 = 196_608;
/** SSLRequest and CancelRequest: fixed-length messages the handler answers itself. */
const SSL_REQUEST = 80_877_103;
const CANCEL_REQUEST = 80_877_102;
/** No message of a real client comes near this; a bigger length is garbage or an attack. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Whether the bytes waiting on a connection frame like the PostgreSQL wire
 * protocol as far as they go. Mirrors how pglite-socket 0.2.17 splits
 * messages: a StartupMessage (length, protocol 3.0) or a typed message (one
 * type byte, then a length that counts itself, so at least 4).
 */
export function framingProblem(buffer: Buffer): string | null {
  let at = 0;
  while (buffer.length - at >= 8) {
    const length = buffer.readInt32BE(at);
    const code = buffer.readInt32BE(at + 4);
    if (length === 8 && (code === SSL_REQUEST || code === CANCEL_REQUEST)) {
      at += 8;
      continue;
    }
    if (code === PROTOCOL_3) {
      if (length < 8 || length > MAX_MESSAGE_BYTES) return `startup message of length ${length}`;
      at += length;
      continue;
    }
    const typed = buffer.readInt32BE(at + 1);
    if (typed < 4 || typed > MAX_MESSAGE_BYTES) return `message of length ${typed}`;
    at += 1 + typed;
  }
  // Under 8 bytes the library cannot tell a startup message and reads a typed one.
  if (buffer.length - at >= 5) {
    const typed = buffer.readInt32BE(at + 1);
    if (typed < 4 || typed > MAX_MESSAGE_BYTES) return `message of length ${typed}`;
  }
  return null;
}

interface HandlerInternals {
  messageBuffer: Buffer;
  socket: { destroy(): void } | null;
  handleData(data: Buffer): Promise<number>;
}

let installed = false;

/**
 * pglite-socket 0.2.17 trusts the length fields it reads: a negative one makes
 * its read loop slice the same bytes forever without yielding, and the whole
 * process (the dialer emulator, its HTTP API included) stops answering. Until
 * the library checks them itself, every connection's bytes are checked here
 * first and a connection that does not speak the protocol is closed, as a
 * PostgreSQL server closes it. Installed once, on the library's handler, since
 * the server creates its handlers internally.
 */
export function installPgliteFramingGuard(): void {
  if (installed) return;
  installed = true;
  const prototype = PGLiteSocketHandler.prototype as unknown as HandlerInternals;
  const handleData = prototype.handleData;
  prototype.handleData = async function guardedHandleData(this: HandlerInternals, data: Buffer) {
    const pending = Buffer.concat([this.messageBuffer ?? Buffer.alloc(0), data]);
    if (framingProblem(pending) !== null) {
      this.messageBuffer = Buffer.alloc(0);
      this.socket?.destroy();
      return 0;
    }
    return handleData.call(this, data);
  };
}
