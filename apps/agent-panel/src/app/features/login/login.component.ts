import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { LoginRequestSchema } from '@puente/contracts';
import { errorMessageKey, toPanelError } from '../../api/api-error';
import { I18n } from '../../core/i18n/i18n.service';
import type { MessageKey } from '../../core/i18n/messages.en';
import { readJson, STORAGE } from '../../core/storage';
import { SessionService } from '../../session/session.service';

export const LAST_LOGIN_KEY = 'puente.lastLogin';

/** A1: device (extension), user and password; device and user are remembered, never the password. */
@Component({
  selector: 'pu-login',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="card" (submit)="submit($event)" novalidate [attr.aria-busy]="busy()">
      <h2 class="title">{{ t('login.title') }}</h2>
      <p class="pu-hint intro">{{ t('login.intro') }}</p>
      @if (session.endedMessage(); as ended) {
        <p class="pu-notice" data-kind="warning" role="alert" data-testid="session-ended">
          {{ t(ended) }}
        </p>
      }
      <div class="pu-field">
        <label class="pu-label" for="login-device">{{ t('login.device') }}</label>
        <input
          id="login-device"
          class="pu-input"
          name="device"
          inputmode="numeric"
          autocomplete="off"
          [value]="device()"
          (input)="device.set(value($event))"
          [attr.aria-invalid]="missing() && !device().trim()"
          aria-describedby="login-device-hint"
        />
        <span class="pu-hint" id="login-device-hint">{{ t('login.deviceHint') }}</span>
      </div>
      <div class="pu-field">
        <label class="pu-label" for="login-user">{{ t('login.user') }}</label>
        <input
          id="login-user"
          class="pu-input"
          name="user"
          autocomplete="username"
          [value]="user()"
          (input)="user.set(value($event))"
          [attr.aria-invalid]="missing() && !user().trim()"
        />
      </div>
      <div class="pu-field">
        <label class="pu-label" for="login-password">{{ t('login.password') }}</label>
        <input
          id="login-password"
          class="pu-input"
          name="password"
          type="password"
          autocomplete="current-password"
          [value]="password()"
          (input)="password.set(value($event))"
          [attr.aria-invalid]="missing() && !password()"
        />
      </div>
      @if (error(); as message) {
        <p class="pu-notice" data-kind="error" role="alert" data-testid="login-error">{{ t(message) }}</p>
      }
      <button class="pu-btn pu-btn--primary pu-btn--block" type="submit" [disabled]="busy()">
        {{ busy() ? t('login.submitting') : t('login.submit') }}
      </button>
    </form>
  `,
  styles: `
    .card {
      display: flex;
      flex-direction: column;
      gap: 0.625rem;
      padding: 0.875rem 1rem 1rem;
      background: var(--pu-surface);
      border: 1px solid var(--pu-border);
      border-radius: var(--pu-radius-lg);
      box-shadow: var(--pu-shadow);
    }
    .title {
      margin: 0;
      font-size: 1.0625rem;
    }
    .intro {
      margin: -0.25rem 0 0;
    }
    .pu-notice {
      margin: 0;
    }
  `,
})
export class Login {
  protected readonly session = inject(SessionService);
  protected readonly t = inject(I18n).t;
  private readonly storage = inject(STORAGE);
  private readonly remembered = readJson<{ device?: string; user?: string }>(this.storage, LAST_LOGIN_KEY);

  protected readonly device = signal(this.remembered?.device ?? '');
  protected readonly user = signal(this.remembered?.user ?? '');
  protected readonly password = signal('');
  protected readonly busy = signal(false);
  protected readonly missing = signal(false);
  protected readonly error = signal<MessageKey | null>(null);

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    const request = { device: this.device(), user: this.user(), password: this.password() };
    if (!LoginRequestSchema.safeParse(request).success) {
      this.missing.set(true);
      this.error.set('login.missing');
      return;
    }
    this.missing.set(false);
    this.error.set(null);
    this.busy.set(true);
    try {
      await this.session.login({ ...request, device: request.device.trim(), user: request.user.trim() });
      this.storage.setItem(
        LAST_LOGIN_KEY,
        JSON.stringify({ device: request.device.trim(), user: request.user.trim() }),
      );
    } catch (error) {
      this.error.set(errorMessageKey(toPanelError(error).code));
      this.password.set('');
    } finally {
      this.busy.set(false);
    }
  }
}
