import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConfigError } from './env';

export interface ListenTarget {
  service: string;
  host: string;
  port: number;
  /** The variable that sets the port, named in the "port in use" message. */
  portVariable: string;
}

export class PortInUseError extends Error {
  constructor(readonly target: ListenTarget) {
    super(
      `port ${target.port} on ${target.host} is already in use. ` +
        `Is Puente already running (npm start in another terminal)? Stop it, or set ${target.portVariable} to a free port.`,
    );
    this.name = 'PortInUseError';
  }
}

/** Listens, turning EADDRINUSE into a message a person can act on. */
export async function listen(app: INestApplication, target: ListenTarget): Promise<void> {
  try {
    await app.listen(target.port, target.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(target);
    throw error;
  }
}

/**
 * Runs a service's main function: configuration mistakes and busy ports end
 * the process with one clear line and exit code 1, never a stack trace.
 */
export function runService(service: string, main: () => Promise<{ logger?: Logger } | void>): void {
  exitWithSupervisor(process.env['PUENTE_SUPERVISOR_PID']);
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof PortInUseError) {
      process.stderr.write(`\n${service}: ${error.message}\n\n`);
    } else {
      process.stderr.write(
        `\n${service} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}

const startedAt = Date.now();

/** Seconds since this process started serving. */
export function uptimeSeconds(): number {
  return Math.round((Date.now() - startedAt) / 1000);
}

/**
 * When started by the embedded stack's supervisor, end (gracefully) if the
 * supervisor disappears without stopping us, e.g. killed with SIGKILL: a
 * stale emulator holding port 7001 is worse than a restart.
 */
function exitWithSupervisor(supervisorPid: string | undefined): void {
  const pid = Number(supervisorPid);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const timer = setInterval(() => {
    try {
      process.kill(pid, 0);
    } catch {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }, 1000);
  timer.unref();
}
