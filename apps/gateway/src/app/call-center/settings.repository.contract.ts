import type { PanelSettings } from '@puente/contracts';
import type { SettingsRepository } from './settings.repository';

const panel: PanelSettings = { width: 320, height: 560, autoMinimize: false, locale: 'es' };

/** What any SettingsRepository does. */
export function describeSettingsRepository(
  make: () => SettingsRepository | Promise<SettingsRepository>,
): void {
  describe('SettingsRepository contract', () => {
    let repo: SettingsRepository;
    beforeEach(async () => (repo = await make()));

    it("keeps each user's panel settings, the last saved", async () => {
      expect(await repo.panelSettings('ana')).toBeUndefined();
      await repo.savePanelSettings('ana', { ...panel, width: 280 });
      await repo.savePanelSettings('ana', panel);
      await repo.savePanelSettings('bruno', { ...panel, locale: null });
      expect(await repo.panelSettings('ana')).toEqual(panel);
      expect(await repo.panelSettings('bruno')).toEqual({ ...panel, locale: null });
    });

    it("keeps each session's Salesforce settings until they are deleted", async () => {
      const sent = { callCenter: { '/label': 'Ventas' }, softphoneLayout: null };
      await repo.saveSalesforceSettings('s-1', sent);
      await repo.saveSalesforceSettings('s-2', { callCenter: null, softphoneLayout: null });
      expect(await repo.salesforceSettings('s-1')).toEqual(sent);
      await repo.deleteSalesforceSettings('s-1');
      await repo.deleteSalesforceSettings('unknown');
      expect(await repo.salesforceSettings('s-1')).toBeUndefined();
      expect(await repo.salesforceSettings('s-2')).toEqual({ callCenter: null, softphoneLayout: null });
    });
  });
}
