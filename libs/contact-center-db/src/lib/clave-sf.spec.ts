import { formatClaveSf, isSearchable, parseClaveSf } from './clave-sf';

describe('CLAVESF (D1)', () => {
  it('joins the contact id and the data with a dash', () => {
    expect(formatClaveSf({ contactId: '5001', data: '0033000000abcDEF' })).toBe('5001-0033000000abcDEF');
  });

  it('keeps a trailing dash when the data is empty, which means "do not search"', () => {
    const clave = parseClaveSf(formatClaveSf({ contactId: '77', data: '' }));
    expect(clave).toEqual({ contactId: '77', data: '' });
    expect(clave && isSearchable(clave)).toBe(false);
  });

  it('splits at the first dash only', () => {
    expect(parseClaveSf('12-+54-11-5555-1234')).toEqual({ contactId: '12', data: '+54-11-5555-1234' });
  });

  it('rejects values that are not CLAVESF', () => {
    expect(parseClaveSf('abc')).toBeNull();
    expect(parseClaveSf('-abc')).toBeNull();
    expect(() => formatClaveSf({ contactId: 'x', data: '' })).toThrow(/numeric/);
  });
});
