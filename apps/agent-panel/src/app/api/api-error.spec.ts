import { en } from '../core/i18n/messages.en';
import { es } from '../core/i18n/messages.es';
import { errorMessageKey } from './api-error';

describe('errorMessageKey (system.error codes shown to the agent)', () => {
  it('says what a set-up warning means instead of "Something went wrong"', () => {
    // Seen against the real gateway: an agent whose e-mail no Salesforce user has.
    const key = errorMessageKey('CRM_USER_NOT_MAPPED');
    expect(key).toBe('error.CRM_USER_NOT_MAPPED');
    expect(en[key]).toMatch(/integration user/);
    expect(es[key]).toMatch(/usuario de integración/);
  });

  it('keeps the contract codes and falls back for unknown ones', () => {
    expect(errorMessageKey('CRM_UNAVAILABLE')).toBe('error.CRM_UNAVAILABLE');
    expect(errorMessageKey('SOMETHING_NEW')).toBe('error.UNKNOWN');
  });
});
