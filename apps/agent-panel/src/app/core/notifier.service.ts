import { Injectable, computed, inject, signal } from '@angular/core';
import { errorMessageKey, type PanelError, toPanelError } from '../api/api-error';
import { I18n } from './i18n/i18n.service';
import type { MessageKey } from './i18n/messages.en';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  key: MessageKey;
  params: Record<string, string | number>;
  /** The gateway's request id, to quote to support. */
  reference: string | null;
}

const INFO_MS = 5000;
const MAX_NOTICES = 3;

/**
 * Messages to the agent (errors in words they understand, in their language)
 * and the commands in flight, so buttons show they are working and cannot
 * be pressed twice.
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly i18n = inject(I18n);
  private readonly list = signal<readonly Notice[]>([]);
  private readonly running = signal<ReadonlySet<string>>(new Set());
  private nextId = 1;

  readonly notices = this.list.asReadonly();
  readonly busy = computed(() => this.running().size > 0);

  /** True while the named action runs. */
  pending(action: string): boolean {
    return this.running().has(action);
  }

  /** Runs a command; its failure becomes a translated message. Resolves undefined on failure. */
  async run<T>(action: string, work: () => Promise<T>): Promise<T | undefined> {
    if (this.running().has(action)) return undefined;
    this.running.update((s) => new Set(s).add(action));
    try {
      return await work();
    } catch (error) {
      this.error(toPanelError(error));
      return undefined;
    } finally {
      this.running.update((s) => {
        const next = new Set(s);
        next.delete(action);
        return next;
      });
    }
  }

  error(error: PanelError): void {
    this.push({ kind: 'error', key: errorMessageKey(error.code), params: {}, reference: error.requestId });
  }

  info(key: MessageKey, params: Record<string, string | number> = {}): void {
    const id = this.push({ kind: 'info', key, params, reference: null });
    setTimeout(() => this.dismiss(id), INFO_MS);
  }

  dismiss(id: number): void {
    this.list.update((l) => l.filter((n) => n.id !== id));
  }

  clear(): void {
    this.list.set([]);
  }

  text(notice: Notice): string {
    return this.i18n.t(notice.key, notice.params);
  }

  private push(notice: Omit<Notice, 'id'>): number {
    const id = this.nextId++;
    // The same message twice in a row is shown once.
    this.list.update((l) =>
      [...l.filter((n) => n.key !== notice.key), { ...notice, id }].slice(-MAX_NOTICES),
    );
    return id;
  }
}
