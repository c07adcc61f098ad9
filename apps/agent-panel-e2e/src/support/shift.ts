import { expect, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';

export interface DialerCall {
  callId: string;
  state: string;
  direction: string;
  campaignId: string | null;
  queueId?: string | null;
  agentId: string | null;
  number: string;
  contactId: string | null;
  dialerMode: string | null;
}

export interface DialerAgent {
  agentId: string;
  user: string;
  state: string;
  callId: string | null;
  breakState: unknown;
}

export interface DialerState {
  dialer: { instanceId: string | null };
  agents: DialerAgent[];
  calls: DialerCall[];
}

/** The dialer emulator's operator endpoints (docs/dialer-emulator.md): its state and its customers. */
export class Dialer {
  constructor(
    private readonly request: APIRequestContext,
    readonly url: string,
  ) {}

  async send<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, data?: object): Promise<T> {
    const res = await this.request.fetch(`${this.url}${path}`, { method, data });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  }

  state(): Promise<DialerState> {
    return this.send<DialerState>('GET', '/state');
  }

  /** Customers act only when the test says: nobody answers, hangs up or calls in by themselves. */
  quiet(): Promise<unknown> {
    return this.send('PUT', '/operator/rates', {
      answerProbability: 0,
      busyProbability: 0,
      failedProbability: 0,
      noAnswerSeconds: 120,
      customersHangUp: false,
      inboundPerHour: 0,
      agentAnswerSeconds: 0,
    });
  }

  /** The first call the predicate picks, once there is one. */
  async waitForCall(pick: (call: DialerCall) => boolean, what: string): Promise<DialerCall> {
    let found: DialerCall | undefined;
    await expect
      .poll(
        async () => {
          found = (await this.state()).calls.find(pick);
          return !!found;
        },
        { timeout: 20_000, message: what },
      )
      .toBe(true);
    return found as DialerCall;
  }

  async agent(user: string): Promise<DialerAgent | undefined> {
    return (await this.state()).agents.find((a) => a.user === user);
  }

  /** The Task's CallObject for a call of this dialer: "<instance id>:<call id>" (issue 15 §9). */
  async callObject(callId: string): Promise<string> {
    const { instanceId } = (await this.state()).dialer;
    return instanceId ? `${instanceId}:${callId}` : callId;
  }
}

export const softphone = (page: Page): FrameLocator => page.frameLocator('[data-testid="softphone-frame"]');

/** Logs a user in through the panel's form and closes a set-up notice if one floats over the controls. */
export async function logIn(panel: FrameLocator | Page, device: string, user: string): Promise<void> {
  await panel.getByLabel('Device').fill(device);
  await panel.getByLabel('User', { exact: true }).fill(user);
  await panel.getByLabel('Password').fill('puente');
  await panel.getByRole('button', { name: 'Log in' }).click();
  await expect(panel.getByTestId('agent-identity')).toContainText(`device ${device}`);
  const notice = panel.getByTestId('system-error');
  const shown = await notice.waitFor({ timeout: 2000 }).then(
    () => true,
    () => false,
  );
  if (shown) await panel.getByTestId('system-error-dismiss').click();
}

const options = (panel: FrameLocator, testId: string) =>
  panel
    .getByTestId(testId)
    .locator('option')
    .evaluateAll((all) =>
      all
        .map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' }))
        .filter((o) => o.value),
    );

/**
 * Opens the release sheet, picks the first category that has subcategories
 * and schedules nothing, and its first subcategory, writes the note and
 * categorises. Answers the ids chosen.
 */
export async function categorise(
  panel: FrameLocator,
  note: string,
  beforeSubmit?: () => Promise<unknown>,
): Promise<{ category: string; subcategory: string }> {
  await panel.getByTestId('release-button').click();
  const category = panel.getByTestId('release-category');
  await expect(category.locator('option')).not.toHaveCount(0);
  let chosen: { category: string; subcategory: string } | undefined;
  // An agenda category is tagged " · " in the list: it would ask for a callback time.
  for (const option of (await options(panel, 'release-category')).filter((o) => !o.text.includes(' · '))) {
    await category.selectOption(option.value);
    const subs = await options(panel, 'release-subcategory');
    if (subs.length > 0) {
      chosen = { category: option.value, subcategory: subs[0].value };
      break;
    }
  }
  if (!chosen) throw new Error('no category with a subcategory is offered');
  await category.selectOption(chosen.category);
  await panel.getByTestId('release-subcategory').selectOption(chosen.subcategory);
  await panel.getByLabel('Note').fill(note);
  await beforeSubmit?.();
  await panel.getByTestId('categorize-button').click();
  await expect(panel.getByTestId('ready-button')).toBeVisible();
  return chosen;
}
