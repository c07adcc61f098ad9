import { NEOAPI_METHODS, NEOAPI_METHOD_NAMES } from './catalogue';
import { NEOTEL_METHODS } from './methods';

describe('NEOAPI_METHODS', () => {
  it("covers every Neotel method under Neotel's own name (F4)", () => {
    for (const name of NEOTEL_METHODS) expect(NEOAPI_METHOD_NAMES).toContain(name);
  });

  it('names the additions in the same style and documents every method', () => {
    for (const name of NEOAPI_METHOD_NAMES) {
      expect(name).toMatch(/^[A-Z][A-Za-z0-9]*(_[A-Z][A-Za-z0-9]*)*$/);
      expect(NEOAPI_METHODS[name].summary.length).toBeGreaterThan(10);
    }
  });

  it('validates requests strictly: DTMF digits, schedule times, unknown fields', () => {
    expect(NEOAPI_METHODS.Send_DTMF.request.safeParse({ callId: '1', digits: '12#*A' }).success).toBe(true);
    expect(NEOAPI_METHODS.Send_DTMF.request.safeParse({ callId: '1', digits: '12x' }).success).toBe(false);
    expect(
      NEOAPI_METHODS.Schedule_Callback.request.safeParse({ contactId: '5', at: 'tomorrow' }).success,
    ).toBe(false);
    expect(
      NEOAPI_METHODS.Schedule_Callback.request.parse({ contactId: '5', at: '2026-11-24T10:00:00-03:00' })
        .personal,
    ).toBe(true);
    expect(NEOAPI_METHODS.Logout.request.safeParse({ extra: 1 }).success).toBe(false);
  });
});
