import {
  flattenCallCenter,
  generateCallCenterXml,
  parseCallCenterXml,
  readCallCenterSettings,
} from './call-center-xml';

/** The Call Center XML exactly as seed 004 prints it. */
const SEED = `<callCenter>   <section sortOrder="0" name="reqGeneralInfo" label="General Information">     <item sortOrder="0" name="reqInternalName" label="InternalName">NeotelCTI</item>     <item sortOrder="1" name="reqDisplayName" label="Display Name">Neotel CTI</item>     <item sortOrder="2" name="reqAdapterUrl" label="CTI Adapter URL">https://demo.neotel.us/Callcenter/OpenCTI/SFOpenCTI.html</item>     <item sortOrder="3" name="reqUseApi" label="Use CTI API">true</item>     <item sortOrder="4" name="reqSoftphoneHeight" label="Softphone Height">420</item>     <item sortOrder="5" name="reqSoftphoneWidth" label="Softphone Width">620</item>     <item sortOrder="6" name="reqSalesforceCompatibilityMode" label="Salesforce Compatibility Mode">Lightning</item>   </section>   <section sortOrder="1" name="neotelConfigOptions" label="Opciones">     <item sortOrder="0" name="searchTypePriority" label="Prioridad de búsqueda"></item>     <item sortOrder="1" name="externalData" label="Datos de neotel importables a Sf">neoContactId__c-contactId|neoBaseId__c-contactBaseId|neoCrmId__c-crmId</item>     <item sortOrder="2" name="defaultNewRowData" label="Datos default para nuevos Registros">neoContactId__c-contactId|neoBaseId__c-contactBaseId|neoCrmId__c-crmId|Phone-phoneNumber|</item>     <item sortOrder="3" name="allowCategorization" label="Permite categorización de contactos. (true/false)">true</item>     <item sortOrder="4" name="allowClickToDialSearch" label="Permite seleccionar un dato de SF, tomarlo en pantalla y gestionarlo. (ClickToDial)">true</item>     <item sortOrder="5" name="useTaskDescriptionField" label="Utiliza el campo descripción para guardar la información de la gestion.">true</item>     <item sortOrder="6" name="allowContactRelease" label="Permite liberar un contacto sin ser categorizado.">true</item>     <item sortOrder="7" name="automaticContactRelease" label="Liberar contacto automaticamente al terminar llamado. (Segundos)">-1</item>     <item sortOrder="8" name="saveActivityLog" label="Guardar automáticamente registro de llamada (Task).">true</item>     <item sortOrder="9" name="allowTextMessage" label="Permite enviar un mensaje al cliente por medio de SMS o Whatsapp.">false</item>     <item sortOrder="10" name="campaignEntityName" label="Permite asociar un id de campaña a un objeto de Salesforce.">false</item>   </section> </callCenter>`;

describe('Call Center definition (C7)', () => {
  it("reads seed 004's XML into typed settings", () => {
    const result = readCallCenterSettings(SEED);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const s = result.settings;
    expect(s.general).toEqual({
      internalName: 'NeotelCTI',
      displayName: 'Neotel CTI',
      adapterUrl: 'https://demo.neotel.us/Callcenter/OpenCTI/SFOpenCTI.html',
      useApi: true,
      softphoneHeight: 420,
      softphoneWidth: 620,
      compatibilityMode: 'Lightning',
    });
    expect(s.searchTypePriority).toEqual([]);
    expect(s.externalData).toEqual([
      { field: 'neoContactId__c', source: 'contactId' },
      { field: 'neoBaseId__c', source: 'contactBaseId' },
      { field: 'neoCrmId__c', source: 'crmId' },
    ]);
    expect(s.defaultNewRowData.map((m) => m.field)).toEqual([
      'neoContactId__c',
      'neoBaseId__c',
      'neoCrmId__c',
      'Phone',
    ]);
    expect(s).toMatchObject({
      allowCategorization: true,
      allowClickToDialSearch: true,
      useTaskDescriptionField: true,
      allowContactRelease: true,
      automaticContactRelease: -1,
      saveActivityLog: true,
      allowTextMessage: false,
      campaignEntityName: null,
    });
    // Puente's own options take their defaults when the section is absent.
    expect(s.puente.phoneMatch).toEqual({ mode: 'lastDigits', digits: 7 });
    expect(s.puente.layouts.inbound.noMatch).toEqual({ action: 'new', objectType: 'Contact' });
  });

  it('generates XML that reads back to the same settings, with overrides', () => {
    const xml = generateCallCenterXml({
      '/neotelConfigOptions/searchTypePriority': 'Contact|Lead',
      '/neotelConfigOptions/automaticContactRelease': '30',
    });
    expect(xml).toContain('<section sortOrder="1" name="neotelConfigOptions" label="Opciones">');
    const result = readCallCenterSettings(xml);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.searchTypePriority).toEqual(['Contact', 'Lead']);
    expect(result.settings.automaticContactRelease).toBe(30);
  });

  it('names each bad value by its path', () => {
    const bad = SEED.replace('>-1<', '>soon<')
      .replace(
        'neoCrmId__c-crmId</item>     <item sortOrder="2"',
        'neoCrmId__c-crmIdentifier</item>     <item sortOrder="2"',
      )
      .replace(
        '<item sortOrder="0" name="searchTypePriority" label="Prioridad de búsqueda"></item>',
        '<item sortOrder="0" name="searchTypePriority" label="x">Contact|Person</item>',
      );
    const result = readCallCenterSettings(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      '/neotelConfigOptions/searchTypePriority',
      '/neotelConfigOptions/externalData',
      '/neotelConfigOptions/automaticContactRelease',
    ]);
    expect(result.errors[1].message).toContain('crmIdentifier');
  });

  it('checks what Salesforce checks on import', () => {
    expect(parseCallCenterXml('<nope/>').errors[0].message).toMatch(/callCenter/);
    expect(parseCallCenterXml('<callCenter><section').errors[0].message).toMatch(/well-formed/);
    const gap = SEED.replace(
      'sortOrder="6" name="reqSalesforceCompatibilityMode"',
      'sortOrder="7" name="reqSalesforceCompatibilityMode"',
    );
    expect(parseCallCenterXml(gap).errors[0].message).toMatch(/without gaps/);
    const missing = readCallCenterSettings(
      SEED.replace(/<item sortOrder="2" name="reqAdapterUrl"[^<]*<\/item>/, ''),
    );
    expect(missing.ok).toBe(false);
  });

  it('flattens like getCallCenterSettings', () => {
    const flat = flattenCallCenter(SEED);
    expect(flat['/reqGeneralInfo/reqAdapterUrl']).toBe(
      'https://demo.neotel.us/Callcenter/OpenCTI/SFOpenCTI.html',
    );
    expect(flat['/neotelConfigOptions/searchTypePriority']).toBe('');
    expect(flat['/neotelConfigOptions/label']).toBe('Opciones');
    // Lightning's shape: decimal sort orders, the name items bare, the display name as "/label" (issue 17 §2).
    expect(flat['/reqGeneralInfo/reqAdapterUrl/sortOrder']).toBe('2.0');
    expect(flat['/neotelConfigOptions/sortOrder']).toBe('1.0');
    expect(flat['/reqGeneralInfo/reqInternalName']).toBe('NeotelCTI');
    expect(flat['/reqGeneralInfo/reqInternalName/sortOrder']).toBeUndefined();
    expect(flat['/label']).toBe('Neotel CTI');
    expect(flat['/internalNameLabel']).toBe('InternalName');
    expect(flat['/displayNameLabel']).toBe('Display Name');
  });
});
