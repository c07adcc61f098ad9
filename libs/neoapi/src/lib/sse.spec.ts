import { formatSse, type SseMessage, SseParser } from './sse';

function parse(chunks: string[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = new SseParser((m) => messages.push(m));
  for (const c of chunks) parser.push(c);
  return messages;
}

describe('server-sent events', () => {
  it('parses messages split across chunks, with ids, event names, comments and CRLF', () => {
    expect(
      parse(['id: 1\r\nevent: A\r\nda', 'ta: {"x":1}\r\n\r\n: ping\n\n', 'data: two\ndata: lines\n\n']),
    ).toEqual([
      { id: '1', event: 'A', data: '{"x":1}' },
      { id: '1', event: 'message', data: 'two\nlines' },
    ]);
  });

  it('hands a message over as soon as its blank line arrives', () => {
    const messages: SseMessage[] = [];
    const parser = new SseParser((m) => messages.push(m));
    parser.push('data: one\n');
    expect(messages).toEqual([]);
    parser.push('\ndata: tw');
    expect(messages).toEqual([{ id: null, event: 'message', data: 'one' }]);
  });

  it('reads a CRLF split between two pushes as one line end, and lone CRs as line ends', () => {
    // An empty push between the CR and the LF changes nothing.
    expect(parse(['data: a\r', '', '\ndata: b\n\n'])).toEqual([{ id: null, event: 'message', data: 'a\nb' }]);
    expect(parse(['data: a\r', '\n\r', '\ndata: b\r\r'])).toEqual([
      { id: null, event: 'message', data: 'a' },
      { id: null, event: 'message', data: 'b' },
    ]);
  });

  it('keeps a value without the one space after the colon, and a field without a colon', () => {
    expect(parse(['data:  two spaces\ndata\nevent:E\n\n'])).toEqual([
      { id: null, event: 'E', data: ' two spaces\n' },
    ]);
  });

  it('formats what it parses', () => {
    expect(parse([formatSse({ id: 7, event: 'E', data: '{}' })])).toEqual([
      { id: '7', event: 'E', data: '{}' },
    ]);
  });
});
