import type { LoggerService } from '@nestjs/common';

export type LogLevelName = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

export interface CapturedLog {
  level: LogLevelName;
  /** Every argument the gateway passed, serialised as the real logger would see it. */
  text: string;
}

/** A Nest logger that keeps every record, for tests that check what was logged and at what level. */
export class CapturedLogs implements LoggerService {
  readonly entries: CapturedLog[] = [];

  log(...args: unknown[]): void {
    this.keep('log', args);
  }
  error(...args: unknown[]): void {
    this.keep('error', args);
  }
  warn(...args: unknown[]): void {
    this.keep('warn', args);
  }
  debug(...args: unknown[]): void {
    this.keep('debug', args);
  }
  verbose(...args: unknown[]): void {
    this.keep('verbose', args);
  }
  fatal(...args: unknown[]): void {
    this.keep('fatal', args);
  }

  at(level: LogLevelName): CapturedLog[] {
    return this.entries.filter((e) => e.level === level);
  }

  /** Records mentioning `text` (a request id, a path). */
  about(text: string): CapturedLog[] {
    return this.entries.filter((e) => e.text.includes(text));
  }

  private keep(level: LogLevelName, args: unknown[]): void {
    // Errors spelt out with their stacks, as pino's serializer writes them.
    const text = args
      .map((a) =>
        typeof a === 'string'
          ? a
          : JSON.stringify(a, (_key, value: unknown) =>
              value instanceof Error
                ? { type: value.name, message: value.message, stack: value.stack }
                : value,
            ),
      )
      .join(' ');
    this.entries.push({ level, text });
  }
}
