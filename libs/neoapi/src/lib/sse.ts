/** One message of a text/event-stream. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Parses a server-sent events stream (WHATWG rules: fields per line, a blank
 * line ends a message, lines starting with ":" are comments/keep-alives) as
 * its text is pushed in, handing each message over as it completes.
 *
 * Pushed, not pulled: a gateway follows one stream per logged-in agent, and
 * a pulling parser (an async generator) leaves a pending promise per layer
 * that waits for the agent's next event — seconds, so V8 promotes it to the
 * old generation, where it dies as garbage for the major GC to collect
 * (issue 18 §3, docs/performance.md "The followed streams").
 */
export class SseParser {
  /** The start of a line whose end has not arrived yet. */
  private partial = '';
  private afterCr = false;
  private id: string | null = null;
  private event = '';
  /**
   * The data lines so far, joined (undefined: none). Not an array: the parser
   * lives as long as the stream, and state it keeps between an agent's events
   * outlives the young generation.
   */
  private data: string | undefined;

  constructor(private readonly onMessage: (message: SseMessage) => void) {}

  /** Text as it arrived (decoded: a multi-byte character must not be split across pushes). */
  push(text: string): void {
    if (text === '') return;
    let start = 0;
    // The LF of a CRLF whose CR ended the previous push.
    if (this.afterCr && text.startsWith('\n')) start = 1;
    this.afterCr = false;
    let end: number;
    while ((end = nextLineEnd(text, start)) >= 0) {
      const line = this.partial + text.slice(start, end);
      this.partial = '';
      const cr = text.charCodeAt(end) === 13;
      start = end + (cr && text.charCodeAt(end + 1) === 10 ? 2 : 1);
      if (cr && end === text.length - 1) this.afterCr = true;
      this.line(line);
    }
    if (start < text.length) this.partial += text.slice(start);
  }

  private line(line: string): void {
    if (line === '') {
      const { data, event } = this;
      this.event = '';
      this.data = undefined;
      if (data !== undefined) this.onMessage({ id: this.id, event: event || 'message', data });
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
    if (field === 'data') this.data = this.data === undefined ? value : `${this.data}\n${value}`;
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }
}

function nextLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** Formats one message; `data` must be a single line (JSON is). */
export function formatSse(message: { id?: string | number; event?: string; data: string }): string {
  return `${message.id === undefined ? '' : `id: ${message.id}\n`}${message.event ? `event: ${message.event}\n` : ''}data: ${message.data}\n\n`;
}
