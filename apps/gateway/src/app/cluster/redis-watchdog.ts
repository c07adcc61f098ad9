import type { Command, Redis } from 'ioredis';

/** How often the watchdog looks; a time-out is noticed at most this much late. */
const LOOK_EVERY_MS = 100;
/** A look this much later than due means the process stalled: that time is left off the clock. */
const STALL_MS = 500;

export interface WatchdogLimits {
  /** A command unanswered for this long fails. */
  commandTimeoutMs: number;
  /** A connection that hears nothing for this long while commands wait is dropped and made again. */
  socketTimeoutMs: number;
}

/**
 * The command connection's two time-outs, judged only after the node has
 * read what reached its socket. ioredis's own (`commandTimeout`,
 * `socketTimeout`) are timers that decide in the event loop's timer phase:
 * when the process stalls past them (a long GC pause, SIGSTOP, a starved
 * VM) they fire on waking before the answers already waiting in the socket
 * are read, so commands Redis answered fail and a healthy connection is
 * dropped; the node then says it lost Redis, and a panel's command meets
 * 503 REDIS_UNAVAILABLE (docs/operations.md "When Redis is down"). Here a
 * look in the timer phase only schedules the judgement for the check phase
 * (setImmediate), which comes after the poll phase has read the socket: an
 * answer that arrived during the stall counts. And the clock the time-outs
 * are measured on leaves out the stall itself (a look over STALL_MS late):
 * a command sent, or still corked, as the process stopped has had no time
 * to be answered when it wakes.
 *
 * Every command is watched from when it is sent (CommandRedis.sendCommand),
 * wherever it then waits: on the socket, or for a reconnect to send it again
 * (maxRetriesPerRequest), or as the handshake's ready check.
 */
export class RedisWatchdog {
  private readonly timer: NodeJS.Timeout;
  /** Commands in the order they were sent, each with when; settled ones leave at the front. */
  private sent: { command: Command; at: number }[] = [];
  private head = 0;
  /** Time the process stood still (looks that came over STALL_MS late), left off the clock. */
  private stalledMs = 0;
  private lastLook = Date.now();
  /** When (on the clock) the connection last heard from Redis, or began to wait, or was made. */
  private heardAt = this.clock();
  private watched: Redis['stream'] | null = null;

  constructor(
    private readonly client: Redis,
    private readonly limits: WatchdogLimits,
  ) {
    this.timer = setInterval(() => this.look(), LOOK_EVERY_MS).unref();
  }

  /** A command being sent: its time-out runs from now, and so does the connection's wait if it had none. */
  watch(command: Command): void {
    const now = this.clock();
    if (this.client.commandQueue.length === 0) this.heardAt = now;
    this.sent.push({ command, at: now });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Milliseconds since the epoch, less the time the process stood still. */
  private clock(): number {
    return Date.now() - this.stalledMs;
  }

  private look(): void {
    const now = Date.now();
    const late = now - this.lastLook - LOOK_EVERY_MS;
    this.lastLook = now;
    if (late > STALL_MS) this.stalledMs += late;
    setImmediate(() => this.judge());
  }

  private judge(): void {
    const now = this.clock();
    this.timeCommandsOut(now);
    const client = this.client;
    const stream = client.stream as Redis['stream'] | undefined;
    if (!stream || (client.status !== 'ready' && client.status !== 'connect')) return;
    if (stream !== this.watched) {
      this.watched = stream;
      this.heardAt = now;
      stream.on('data', () => {
        this.heardAt = this.clock();
      });
    }
    if (client.commandQueue.length === 0) this.heardAt = now;
    else if (now - this.heardAt >= this.limits.socketTimeoutMs) {
      stream.destroy(
        new Error(`Socket timeout: nothing heard in ${this.limits.socketTimeoutMs} ms while commands waited`),
      );
    }
  }

  /** Fails the commands unanswered past the limit, as ioredis's own time-out does (a late answer is dropped). */
  private timeCommandsOut(now: number): void {
    const sent = this.sent;
    while (this.head < sent.length) {
      const { command, at } = sent[this.head];
      if (!command.isSettled) {
        if (now - at < this.limits.commandTimeoutMs) break; // every later one was sent later
        command.reject(new Error('Command timed out'));
      }
      this.head++;
    }
    if (this.head === sent.length) {
      this.sent = [];
      this.head = 0;
    } else if (this.head > 1024) {
      this.sent = sent.slice(this.head);
      this.head = 0;
    }
  }
}
