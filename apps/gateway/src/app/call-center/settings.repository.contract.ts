import type { PanelSettings } from '@puente/contracts';
import type { SettingsRepository } from './settings.repository';

const panel: PanelSettings = { width: 320, height: 560, autoMinimize: false, locale: 'es' };

/** What any SettingsRepository does. */
export function describeSettingsRepository(make: () => SettingsRepository): void {
  describe('SettingsRepository contract', () => {
    let repo: SettingsRepository;
    beforeEach(() => (repo = make()));

    it("keeps each user's panel settings, the last saved", () => {
      expect(repo.panelSettings('ana')).toBeUndefined();
      repo.savePanelSettings('ana', { ...panel, width: 280 });
      repo.savePanelSettings('ana', panel);
      repo.savePanelSettings('bruno', { ...panel, locale: null });
      expect(repo.panelSettings('ana')).toEqual(panel);
      expect(repo.panelSettings('bruno')).toEqual({ ...panel, locale: null });
    });

    it("keeps each session's Salesforce settings until they are deleted", () => {
      const sent = { callCenter: { '/label': 'Ventas' }, softphoneLayout: null };
      repo.saveSalesforceSettings('s-1', sent);
      repo.saveSalesforceSettings('s-2', { callCenter: null, softphoneLayout: null });
      expect(repo.salesforceSettings('s-1')).toEqual(sent);
      repo.deleteSalesforceSettings('s-1');
      repo.deleteSalesforceSettings('unknown');
      expect(repo.salesforceSettings('s-1')).toBeUndefined();
      expect(repo.salesforceSettings('s-2')).toEqual({ callCenter: null, softphoneLayout: null });
    });
  });
}
