import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { ContactData } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { Icon } from '../../ui/icon.component';

/**
 * Preview mode (B7): the contact is on screen before any call, and the agent
 * calls it or skips it. A skipped contact goes back to the campaign for its
 * retry interval (the dialer's CONTACT_SKIP), not to the front of the queue.
 */
@Component({
  selector: 'pu-preview-choice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <p class="meta">{{ t('preview.hint') }}</p>
    <div class="controls">
      <button
        type="button"
        class="pu-btn pu-btn--success"
        (click)="call()"
        [disabled]="busy()"
        data-testid="preview-call-button"
      >
        <pu-icon name="phone" [size]="16" />{{ t('preview.call') }}
      </button>
      <button
        type="button"
        class="pu-btn"
        (click)="skip()"
        [disabled]="busy()"
        data-testid="preview-skip-button"
      >
        <pu-icon name="right" [size]="16" />{{ t('preview.skip') }}
      </button>
    </div>
  `,
  styles: `
    :host {
      display: contents;
    }
    .meta {
      margin: 0;
      overflow: hidden;
      font-size: 0.75rem;
      color: var(--pu-text-muted);
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .controls {
      display: flex;
      gap: 0.5rem;
    }
    .controls .pu-btn {
      flex: 1 1 0;
    }
  `,
})
export class PreviewChoice {
  readonly contact = input.required<ContactData>();
  private readonly commands = inject(Commands);
  private readonly notifier = inject(Notifier);
  protected readonly t = inject(I18n).t;

  protected busy(): boolean {
    return this.notifier.pending('preview.call') || this.notifier.pending('preview.skip');
  }

  protected call(): void {
    const { contactId, phoneNumber } = this.contact();
    void this.notifier.run('preview.call', () => this.commands.dial({ number: phoneNumber, contactId }));
  }

  protected skip(): void {
    const { contactId } = this.contact();
    void this.notifier.run('preview.skip', () => this.commands.release(contactId));
  }
}
