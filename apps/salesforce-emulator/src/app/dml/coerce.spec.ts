import { SfApiError } from '../errors/sf-error';
import { field } from '../metadata/field';
import { coerceValue } from './coerce';

function errorOf(fn: () => unknown): SfApiError {
  try {
    fn();
  } catch (e) {
    return e as SfApiError;
  }
  throw new Error('expected an error');
}

describe('coerceValue', () => {
  it('stores empty text as null and checks lengths', () => {
    const title = field('Title', 'string', { length: 5 });
    expect(coerceValue(title, '')).toBeNull();
    expect(coerceValue(title, 12)).toBe('12');
    const err = errorOf(() => coerceValue(title, 'too long'));
    expect(err.errorCode).toBe('STRING_TOO_LONG');
    expect(err.fields).toEqual(['Title']);
    expect(err.message).toBe('Title: data value too large: too long (max length=5)');
  });

  it('validates e-mail addresses and restricted picklists', () => {
    expect(errorOf(() => coerceValue(field('Email', 'email'), 'nope')).errorCode).toBe(
      'INVALID_EMAIL_ADDRESS',
    );
    const callType = field('CallType', 'picklist', { picklistValues: ['Inbound'], restrictedPicklist: true });
    expect(coerceValue(callType, 'Inbound')).toBe('Inbound');
    expect(errorOf(() => coerceValue(callType, 'Sideways')).errorCode).toBe(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    );
  });

  it('rounds numbers to the scale and enforces the precision of Number(18,0)', () => {
    const sync = field('neoSyncId__c', 'double', { precision: 18, scale: 0 });
    expect(coerceValue(sync, 41.6)).toBe(42);
    expect(coerceValue(sync, '123')).toBe(123);
    expect(errorOf(() => coerceValue(sync, 1e19)).errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    const err = errorOf(() => coerceValue(sync, 'abc'));
    expect(err.errorCode).toBe('JSON_PARSER_ERROR');
    expect(err.message).toContain('Cannot deserialize instance of double from VALUE_STRING value abc');
    expect(errorOf(() => coerceValue(field('N', 'int'), 1.5)).errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('accepts dates and dateTimes in ISO form only', () => {
    expect(coerceValue(field('D', 'date'), '2024-02-29')).toBe('2024-02-29');
    expect(errorOf(() => coerceValue(field('D', 'date'), '29/02/2024')).errorCode).toBe('JSON_PARSER_ERROR');
    expect(coerceValue(field('T', 'datetime'), '2024-05-31T11:00:00-03:00')).toBe(
      '2024-05-31T14:00:00.000+0000',
    );
    expect(coerceValue(field('T', 'datetime'), '2024-05-31')).toBe('2024-05-31T00:00:00.000+0000');
  });

  it('normalises reference ids to 18 characters and rejects malformed ones', () => {
    const who = field('WhoId', 'reference', { label: 'Name ID', referenceTo: ['Contact'] });
    expect(coerceValue(who, '001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    const err = errorOf(() => coerceValue(who, 'abc'));
    expect(err.errorCode).toBe('MALFORMED_ID');
    expect(err.message).toBe('Name ID: id value of incorrect type: abc');
  });

  it('turns null booleans into false and refuses objects for text', () => {
    expect(coerceValue(field('DoNotCall', 'boolean'), null)).toBe(false);
    expect(coerceValue(field('DoNotCall', 'boolean'), 'true')).toBe(true);
    expect(errorOf(() => coerceValue(field('Title', 'string'), { a: 1 })).errorCode).toBe(
      'JSON_PARSER_ERROR',
    );
  });
});
