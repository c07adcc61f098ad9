import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

const root = join(__dirname, '..', '..', '..', '..');
/**
 * Where the tests save their screenshots: a git-ignored folder, so `npm test`
 * never rewrites tracked files. `npm run screenshots` points it at
 * docs/screenshots, the set docs/panel.md shows (issue 16 §1).
 */
export const SCREENSHOTS = resolve(
  root,
  process.env['PANEL_SCREENSHOTS_DIR'] || join('dist', '.playwright', 'screenshots'),
);
mkdirSync(SCREENSHOTS, { recursive: true });

export function shot(target: Page | Locator, name: string): Promise<Buffer> {
  return target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

type Root = Page | FrameLocator;

/** Logs in through the panel's form (A1). */
export async function login(root: Root, password = 'secret'): Promise<void> {
  await root.getByLabel('Device').fill('1001');
  await root.getByLabel('User', { exact: true }).fill('ana');
  await root.getByLabel('Password').fill(password);
  await root.getByRole('button', { name: 'Log in' }).click();
}

export async function joinCampaign(root: Root): Promise<void> {
  await root.getByTestId('tab-campaigns').click();
  await root.getByRole('button', { name: 'Join SALESFORCE' }).click();
  await expect(root.getByTestId('current-campaign')).toContainText('97 - SALESFORCE');
  await expect(root.getByTestId('agent-state')).toContainText('Available');
}
