import type { ManagedProcess, ProcessExit } from './managed-process';

/** How quickly a crashed service is started again. */
export interface RestartPolicy {
  /** Wait before the first restart; doubled for each crash that follows. */
  initialDelayMs: number;
  /** The longest wait between restarts. */
  maxDelayMs: number;
  /** A service that stays healthy this long starts again from `initialDelayMs` after its next crash. */
  healthyResetMs: number;
}

/** 1 s doubling to 30 s, back to 1 s once a service has run for a minute: a process supervisor's usual rhythm. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  healthyResetMs: 60_000,
};

export type SupervisorEvent =
  /** The service ended by itself; it is started again after `delayMs` (its `attempt`th run). */
  | { kind: 'exited'; service: string; exit: ProcessExit; delayMs: number; attempt: number }
  /** A restart did not come up healthy (it exits again, or never answered its health check). */
  | { kind: 'start-failed'; service: string; reason: string; attempt: number }
  /** The restarted service answers its health check. */
  | { kind: 'healthy'; service: string; attempt: number };

export interface SupervisorOptions {
  process: ManagedProcess;
  /** Starts the process and resolves once it is healthy (rejects when it is not). */
  start: () => Promise<void>;
  onEvent: (event: SupervisorEvent) => void;
  policy?: RestartPolicy;
}

/**
 * Keeps one service of the embedded stack running (issue 15 §5): when it
 * ends without being asked to, it is started again after a back-off that
 * doubles with each crash in a row (capped), and the others are left alone.
 * Stopping the stack on purpose (`stop()`, then the process's own stop) is
 * never taken for a crash.
 */
export class Supervisor {
  private readonly policy: RestartPolicy;
  private stopped = false;
  /** The run under way: 1 for the first start, one more for each restart. */
  private attempt = 1;
  /** Crashes since the service was last healthy for `healthyResetMs`: the exponent of the back-off. */
  private crashesInARow = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private resetTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
  }

  get service(): string {
    return this.options.process.spec.name;
  }

  /** Watches the run under way (call once the service has started). */
  watch(): void {
    this.armReset();
    void this.options.process.exited.then(() => this.onExit());
  }

  /** No more restarts: the stack is being stopped on purpose. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.resetTimer);
  }

  /** The wait before the next restart: initialDelayMs × 2^(crashes in a row − 1), at most maxDelayMs. */
  nextDelayMs(): number {
    return Math.min(
      this.policy.maxDelayMs,
      this.policy.initialDelayMs * 2 ** Math.max(0, this.crashesInARow - 1),
    );
  }

  private onExit(): void {
    clearTimeout(this.resetTimer);
    if (this.stopped || !this.options.process.crashed) return;
    this.crashesInARow += 1;
    this.attempt += 1;
    const delayMs = this.nextDelayMs();
    this.options.onEvent({
      kind: 'exited',
      service: this.service,
      exit: this.options.process.lastExit ?? { code: null, signal: null },
      delayMs,
      attempt: this.attempt,
    });
    this.restartTimer = setTimeout(() => void this.restart(), delayMs);
  }

  private async restart(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.options.start();
    } catch (error) {
      if (this.stopped) return;
      this.options.onEvent({
        kind: 'start-failed',
        service: this.service,
        reason: (error as Error).message,
        attempt: this.attempt,
      });
      // Never answered its health check: end it, so the next attempt starts from a clean slate.
      if (this.options.process.running) await this.options.process.kill();
      this.crashesInARow += 1;
      this.attempt += 1;
      const delayMs = this.nextDelayMs();
      this.options.onEvent({
        kind: 'exited',
        service: this.service,
        exit: this.options.process.lastExit ?? { code: null, signal: null },
        delayMs,
        attempt: this.attempt,
      });
      this.restartTimer = setTimeout(() => void this.restart(), delayMs);
      return;
    }
    if (this.stopped) return;
    this.options.onEvent({ kind: 'healthy', service: this.service, attempt: this.attempt });
    this.watch();
  }

  /** After a long enough healthy run, the next crash is treated as the first. */
  private armReset(): void {
    clearTimeout(this.resetTimer);
    this.resetTimer = setTimeout(() => (this.crashesInARow = 0), this.policy.healthyResetMs);
    this.resetTimer.unref();
  }
}

/** "gateway exited (signal SIGKILL); restarting in 1 s (attempt 2)" and the like, for the launcher's output. */
export function describeSupervisorEvent(event: SupervisorEvent): string {
  switch (event.kind) {
    case 'exited': {
      const how = event.exit.signal ? `signal ${event.exit.signal}` : `exit code ${event.exit.code}`;
      return `${event.service} exited (${how}); restarting in ${formatDelay(event.delayMs)} (attempt ${event.attempt})`;
    }
    case 'start-failed':
      return `${event.service} did not come up (attempt ${event.attempt}): ${event.reason}`;
    case 'healthy':
      return `${event.service} is healthy again (attempt ${event.attempt})`;
  }
}

function formatDelay(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0
    ? `${ms / 1000} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${ms} ms`;
}
