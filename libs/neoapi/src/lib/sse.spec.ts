import { formatSse, parseSse } from './sse';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

describe('server-sent events', () => {
  it('parses messages split across chunks, with ids, event names, comments and CRLF', async () => {
    const messages = [];
    for await (const m of parseSse(
      streamOf(['id: 1\r\nevent: A\r\nda', 'ta: {"x":1}\r\n\r\n: ping\n\n', 'data: two\ndata: lines\n\n']),
    )) {
      messages.push(m);
    }
    expect(messages).toEqual([
      { id: '1', event: 'A', data: '{"x":1}' },
      { id: '1', event: 'message', data: 'two\nlines' },
    ]);
  });

  it('formats what it parses', async () => {
    const out = [];
    for await (const m of parseSse(streamOf([formatSse({ id: 7, event: 'E', data: '{}' })]))) out.push(m);
    expect(out).toEqual([{ id: '7', event: 'E', data: '{}' }]);
  });
});
