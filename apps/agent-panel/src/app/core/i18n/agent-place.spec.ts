import { agentPlace } from './agent-place';

describe('agentPlace (issue 16 §2.9)', () => {
  it("takes the browser's region for the panel's language, and its time zone", () => {
    expect(agentPlace('es', ['es-AR', 'en-US'], 'America/Argentina/Buenos_Aires')).toEqual({
      locale: 'es-AR',
      timeZone: 'America/Argentina/Buenos_Aires',
    });
  });

  it("keeps the panel's language when the browser speaks another", () => {
    expect(agentPlace('en', ['es-AR'], 'Europe/Madrid')).toEqual({ locale: 'en', timeZone: 'Europe/Madrid' });
  });

  it('sends no time zone the browser does not know', () => {
    expect(agentPlace('es', ['es'], undefined)).toEqual({ locale: 'es' });
  });
});
