import { applyCallCenterFlat, flattenSections } from './call-center-flat';
import { generateCallCenterXml, parseCallCenterXml, readCallCenterSettings } from './call-center-xml';
import { defaultSoftphoneLayout, popLayoutsFrom, type SoftphoneLayout } from './softphone-layout';

function base() {
  const read = readCallCenterSettings(generateCallCenterXml());
  if (!read.ok) throw new Error('the catalogue default must read');
  return read.settings;
}

describe('settings from Salesforce (issue 17 §2)', () => {
  it("reads the org's Call Center from getCallCenterSettings' flat map over the gateway's file", () => {
    const org = generateCallCenterXml({
      '/neotelConfigOptions/searchTypePriority': 'Lead|Contact',
      '/neotelConfigOptions/allowContactRelease': 'false',
    });
    const flat = flattenSections(parseCallCenterXml(org).sections);
    delete flat['/puenteOptions/keyFields'];
    const file = base();
    file.puente.keyFields = ['neoCrmKey__c'];
    const { settings, applied, issues } = applyCallCenterFlat(file, flat);
    expect(issues).toEqual([]);
    expect(settings.searchTypePriority).toEqual(['Lead', 'Contact']);
    expect(settings.allowContactRelease).toBe(false);
    // An item the org's definition does not hold keeps the file's value.
    expect(settings.puente.keyFields).toEqual(['neoCrmKey__c']);
    expect(applied).toContain('/neotelConfigOptions/searchTypePriority');
    expect(file.searchTypePriority).toEqual([]);
  });

  it('keeps the base value of an item the org set badly, and says which', () => {
    const { settings, issues } = applyCallCenterFlat(base(), {
      '/neotelConfigOptions/searchTypePriority': 'Contact|Case',
      '/neotelConfigOptions/automaticContactRelease': '30',
    });
    expect(settings.searchTypePriority).toEqual([]);
    expect(settings.automaticContactRelease).toBe(30);
    expect(issues).toEqual([
      { path: '/neotelConfigOptions/searchTypePriority', message: expect.stringContaining('Case') },
    ]);
  });

  it("turns the Softphone Layout's screen-pop settings into pop rules per call type", () => {
    const layout: SoftphoneLayout = defaultSoftphoneLayout();
    expect(popLayoutsFrom(layout)).toEqual({
      layouts: {
        inbound: {
          noMatch: { action: 'new', objectType: 'Contact' },
          singleMatch: 'open',
          multipleMatches: 'search',
        },
        outbound: { noMatch: { action: 'none' }, singleMatch: 'open', multipleMatches: 'search' },
        internal: { noMatch: { action: 'none' }, singleMatch: 'none', multipleMatches: 'none' },
      },
      issues: [],
    });
    // The guide's example: a Visualforce page on a single match, Outbound with no pops at all.
    layout.Inbound.screenPopSettings = {
      NoMatch: { screenPopType: 'PopToEntity', screenPopData: 'Lead' },
      SingleMatch: { screenPopType: 'PopToVisualforce', screenPopData: 'Visualforce_Page_Name' },
      MultipleMatches: { screenPopType: 'PopToSearch' },
    };
    layout.Outbound.screenPopSettings = {};
    const { layouts, issues } = popLayoutsFrom(layout);
    expect(layouts.inbound).toEqual({
      noMatch: { action: 'new', objectType: 'Lead' },
      singleMatch: 'none',
      multipleMatches: 'search',
    });
    expect(layouts.outbound).toEqual({
      noMatch: { action: 'none' },
      singleMatch: 'none',
      multipleMatches: 'none',
    });
    expect(issues).toEqual([
      {
        path: '/Inbound/screenPopSettings/SingleMatch',
        message: expect.stringContaining('PopToVisualforce'),
      },
    ]);
  });
});
