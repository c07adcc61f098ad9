/** One message of a text/event-stream. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Parses a server-sent events stream (WHATWG rules: fields per line, a blank
 * line ends a message, lines starting with ":" are comments/keep-alives):
 * a fetch body, or any chunks (a node:http response, as text or bytes).
 */
export async function* parseSse(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>,
): AsyncGenerator<SseMessage> {
  let decoder: TextDecoder | undefined;
  let buffer = '';
  let id: string | null = null;
  let event = '';
  let data: string[] = [];
  for await (const chunk of 'getReader' in body ? readerChunks(body) : body) {
    buffer +=
      typeof chunk === 'string' ? chunk : (decoder ??= new TextDecoder()).decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' && buffer[newline + 1] === '\n' ? 2 : 1));
      if (line === '') {
        if (data.length > 0) yield { id, event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id') id = value;
    }
  }
}

/** The chunks of a fetch body; the body is cancelled when the reading stops, however it stops. */
async function* readerChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}

/** Formats one message; `data` must be a single line (JSON is). */
export function formatSse(message: { id?: string | number; event?: string; data: string }): string {
  return `${message.id === undefined ? '' : `id: ${message.id}\n`}${message.event ? `event: ${message.event}\n` : ''}data: ${message.data}\n\n`;
}
