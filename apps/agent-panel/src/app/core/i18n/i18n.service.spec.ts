import { TestBed } from '@angular/core/testing';
import { en } from './messages.en';
import { es } from './messages.es';
import { I18n, pickLocale } from './i18n.service';

describe('I18n', () => {
  beforeEach(() => localStorage.clear());

  it('picks the saved language, then the browser language, then English', () => {
    expect(pickLocale('es', ['en-US'])).toBe('es');
    expect(pickLocale(null, ['es-AR', 'en'])).toBe('es');
    expect(pickLocale('fr', ['de-DE'])).toBe('en');
  });

  it('translates with placeholders and switches language, remembering the choice', () => {
    const i18n = TestBed.inject(I18n);
    i18n.use('en');
    expect(i18n.t('status.upstream.up', { name: 'dialer' })).toBe('dialer up');
    i18n.use('es');
    expect(i18n.t('status.upstream.up', { name: 'discador' })).toBe('discador activo');
    expect(localStorage.getItem('puente.locale')).toBe('es');
    expect(document.documentElement.lang).toBe('es');
  });

  it('has every text in both languages, none left empty', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(en), ...Object.values(es)]) expect(value.trim()).not.toBe('');
  });
});
