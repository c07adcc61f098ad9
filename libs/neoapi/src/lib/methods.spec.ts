import { isNeotelMethod, NEOTEL_METHODS } from './methods';

describe('NEOTEL_METHODS (F4)', () => {
  it("lists the twenty methods of the Neotel document's annex, verbatim and once each", () => {
    expect(NEOTEL_METHODS).toHaveLength(20);
    expect(new Set(NEOTEL_METHODS).size).toBe(20);
    expect(NEOTEL_METHODS).toContain('Login_Campaign');
    expect(NEOTEL_METHODS).toContain('CRM_ShowingContact');
    expect(NEOTEL_METHODS).not.toContain('ExecuteTask04');
  });

  it('recognises method names case-sensitively, as the webservice does', () => {
    expect(isNeotelMethod('KickAll')).toBe(true);
    expect(isNeotelMethod('kickall')).toBe(false);
  });
});
