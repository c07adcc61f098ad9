import { ScriptedGateway } from './support/scripted-gateway';
import { joinCampaign, login, shot } from './support/panel';
import { expect, test } from './support/panel-host.fixture';

interface RecordRow {
  Id: string;
  Name: string;
  Phone?: string;
}

/**
 * The Lightning-like console of the Salesforce emulator hosting the panel
 * through Open CTI: the panel loads opencti_min.js from the console, sizes
 * the softphone, pops records, and dials from phone fields (B6).
 */
test.describe('console hosting the panel (Open CTI)', () => {
  let gateway: ScriptedGateway;

  test.beforeEach(async ({ scriptedGatewayUrl }) => {
    gateway = new ScriptedGateway();
    await gateway.start(scriptedGatewayUrl);
  });
  test.afterEach(() => gateway.stop());

  test('the panel initialises Open CTI, pops the record of a call and dials a clicked phone field', async ({
    page,
    host,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const recent = await page.request.get(
      `${host.urls.salesforceEmulator}/lightning/console/api/recent/Contact`,
    );
    expect(recent.ok()).toBe(true);
    const [contact] = ((await recent.json()) as { items: RecordRow[] }).items.filter((r) => r.Phone);
    expect(contact).toBeTruthy();

    await page.goto(
      `${host.urls.salesforceEmulator}/lightning/console?gateway=${encodeURIComponent(gateway.url)}`,
    );
    const panel = page.frameLocator('[data-testid="softphone-frame"]');
    await expect(page.getByTestId('utility-status')).toHaveText('Softphone ready');
    await login(panel);
    await joinCampaign(panel);
    // The agent's settings (380 × 600) size the utility bar's softphone frame (F1).
    await expect(page.getByTestId('softphone-frame')).toHaveCSS('width', '380px');

    gateway.offerCall(
      { type: 'record', objectType: 'Contact', recordId: contact.Id },
      { recordId: contact.Id, objectType: 'Contact', name: contact.Name, fields: [] },
    );
    await expect(page.getByTestId('record-name')).toHaveText(contact.Name);
    await expect(panel.getByTestId('caller-name')).toHaveText(contact.Name);
    await shot(page, 'console-screen-pop');
    gateway.answer();
    await panel.getByTestId('hangup-button').click();
    await panel.getByTestId('release-button').click();
    await panel.getByTestId('release-without').click();
    await expect(panel.getByTestId('ready-button')).toBeVisible();

    await page.locator('[data-field="Phone"]').getByTestId('click-to-dial').click();
    await expect(panel.getByTestId('call-state')).toContainText('Talking');
    const dial = gateway.commands.find((c) => c.path === '/calls');
    expect(dial?.body).toMatchObject({ crmRecordId: contact.Id });
  });

  test('no match opens a prefilled new record; the search page opens for several matches', async ({
    page,
    host,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(
      `${host.urls.salesforceEmulator}/lightning/console?gateway=${encodeURIComponent(gateway.url)}`,
    );
    const panel = page.frameLocator('[data-testid="softphone-frame"]');
    await login(panel);
    await expect(panel.getByTestId('tab-campaigns')).toBeVisible();

    gateway.offerCall(
      {
        type: 'new_record',
        objectType: 'Lead',
        defaultFieldValues: { Phone: '+5491145550101', neoContactId__c: '5001' },
        syncId: '900001',
      },
      null,
    );
    const form = page.getByTestId('console-new-record');
    await expect(form).toHaveAttribute('data-object-type', 'Lead');
    await expect(form.getByLabel('Phone')).toHaveValue('+5491145550101');
    await expect(form.getByLabel('neoSyncId__c')).toHaveValue('900001');
    await shot(page, 'console-new-record');
    await panel.getByTestId('sync-button').click();
    await expect(panel.getByTestId('caller-name')).toHaveText('Synced Person');

    gateway.answer();
    await panel.getByTestId('hangup-button').click();
    await panel.getByTestId('release-button').click();
    await panel.getByTestId('release-without').click();
    gateway.offerCall({ type: 'search', searchString: 'Garcia' }, null);
    await expect(page.getByTestId('console-search')).toHaveAttribute('data-search', 'Garcia');
  });
});
