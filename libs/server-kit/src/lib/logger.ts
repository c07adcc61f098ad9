import { Writable } from 'node:stream';
import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import pino, { type Logger, type LoggerOptions } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

/**
 * Everything that may carry a credential, wherever it sits in a log record
 * (F2: secrets never logged). Paths are pino redact paths.
 */
export const REDACTED_PATHS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'authorization',
  'cookie',
  '*.password',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.clientSecret',
  '*.client_secret',
  '*.authorization',
  '*.*.password',
  '*.*.authorization',
  '*.*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-puente-signature"]',
];

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** A human-readable line per record for `npm start`; JSON stays the default for machines. */
function prettyStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          const {
            level,
            time,
            msg,
            service: _service,
            context,
            pid: _pid,
            hostname: _host,
            ...rest
          } = JSON.parse(line) as Record<string, unknown>;
          const when = new Date(time as number).toISOString().slice(11, 23);
          const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
          const where = context ? `[${String(context)}] ` : '';
          out.write(
            `${when} ${(LEVEL_NAMES[level as number] ?? 'LOG').padEnd(5)} ${where}${String(msg ?? '')}${extra}\n`,
          );
        } catch {
          out.write(`${line}\n`);
        }
      }
      done();
    },
  });
}

export function createLogger(service: string, level: LogLevel = 'info', format: LogFormat = 'json'): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return format === 'pretty' ? pino(options, prettyStream(process.stdout)) : pino(options);
}

/** Nest's start-up chatter (one line per module and route) is debug detail, not news. */
const FRAMEWORK_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'WebSocketsController',
]);

/** Lets NestJS log through pino, so framework and application lines share one format and one redaction. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const ctx = context ?? (stackOrContext && !stackOrContext.includes('\n') ? stackOrContext : undefined);
    const stack = stackOrContext && stackOrContext.includes('\n') ? stackOrContext : undefined;
    this.write('error', message, ctx, stack ? { stack } : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }
  setLogLevels(levels: NestLogLevel[]): void {
    const order: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
    const mapped = levels.map((l) => (l === 'log' ? 'info' : l === 'verbose' ? 'trace' : l)) as LogLevel[];
    const lowest = order.find((l) => mapped.includes(l));
    if (lowest) this.logger.level = lowest;
  }

  private write(level: LogLevel, message: unknown, context?: string, extra?: object): void {
    if (message instanceof Error) {
      this.logger[level]({ context, err: message, ...extra }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...extra, ...message });
    } else {
      this.logger[level]({ context, ...extra }, String(message));
    }
  }
}
