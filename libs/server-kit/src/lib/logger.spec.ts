import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoNestLogger, REDACTED_PATHS } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const logger = pino({ level: 'trace', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
  return { logger, lines };
}

describe('logging', () => {
  it('redacts passwords, tokens and secrets wherever they sit', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'hunter2',
        body: { password: 'p', clientSecret: 's' },
        req: { headers: { authorization: 'Bearer x' } },
      },
      'login',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/hunter2|Bearer x|"p"|"s"/);
    expect(text).toContain('[redacted]');
  });

  it('maps Nest log calls onto pino levels with their context', () => {
    const { logger, lines } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/health, GET} route', 'RouterExplorer');
    nest.log('ready', 'Bootstrap');
    nest.warn('slow', 'Health');
    nest.error('boom', 'Error: boom\n    at x', 'Dialer');
    expect(lines.map((l) => [l.level, l.msg, l.context])).toEqual([
      [20, 'Mapped {/health, GET} route', 'RouterExplorer'],
      [30, 'ready', 'Bootstrap'],
      [40, 'slow', 'Health'],
      [50, 'boom', 'Dialer'],
    ]);
    expect(lines[3].stack).toContain('at x');
  });
});
