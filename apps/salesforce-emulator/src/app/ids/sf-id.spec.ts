import { isSalesforceId, salesforceIdSuffix } from '@puente/contracts';
import { checksum, keyPrefixOf, mintId, normalizeId, to18 } from './sf-id';

describe('Salesforce ids', () => {
  it('computes the case-safety suffix exactly as Salesforce does', () => {
    // Published examples: 001A0000006Vm9r → 001A0000006Vm9rIAC, 003i000000KnLSD → 003i000000KnLSDAA3.
    expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(checksum('003i000000KnLSD')).toBe('AA3');
    expect(checksum('000000000000000')).toBe('AAA');
    expect(checksum('AAAAAAAAAAAAAAA')).toBe('555');
  });

  it('accepts 15- and 18-character ids and returns the 18-character form', () => {
    expect(normalizeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(normalizeId('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
  });

  it('treats 18-character ids as case-insensitive, restoring the case from the suffix', () => {
    expect(normalizeId('001a0000006vm9riac')).toBe('001A0000006Vm9rIAC');
    expect(normalizeId('001A0000006VM9RIAC')).toBe('001A0000006Vm9rIAC');
  });

  it('rejects what cannot be an id', () => {
    for (const bad of [
      '',
      'abc',
      '001A0000006Vm9',
      '001A0000006Vm9rIA',
      '001A0000006Vm9r-AC',
      42,
      null,
      undefined,
    ]) {
      expect(normalizeId(bad)).toBeNull();
    }
    // The suffix claims an upper-case letter where there is a digit.
    expect(normalizeId('000000000000000555')).toBeNull();
  });

  it('mints ordered ids with the key prefix of the object', () => {
    const a = mintId('003', 1);
    const b = mintId('003', 62);
    expect(a).toHaveLength(18);
    expect(keyPrefixOf(a)).toBe('003');
    expect(normalizeId(a)).toBe(a);
    expect(a < b).toBe(true);
    expect(a.slice(0, 15)).toBe('003Pu0000000001');
  });

  it("mints ids that pass the gateway's shared rule, checksum included", () => {
    for (const prefix of ['001', '003', '00Q', '006', '00T', '005', '00D', 'a0X'])
      for (const counter of [1, 61, 62, 3843, 238_327, 62 ** 5 + 7]) {
        const id = mintId(prefix, counter);
        expect(isSalesforceId(id)).toBe(true);
        expect(id.slice(15)).toBe(salesforceIdSuffix(id.slice(0, 15)));
      }
  });
});
