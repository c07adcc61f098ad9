import { parseSearchTerm, words } from './search-term';

describe('SOSL search terms', () => {
  it('reads words, phrases, implicit AND, OR, AND NOT and parentheses', () => {
    expect(parseSearchTerm('ana')).toEqual({ kind: 'word', text: 'ana' });
    expect(parseSearchTerm('"Ana Pérez"')).toEqual({ kind: 'phrase', words: ['ana', 'perez'] });
    expect(parseSearchTerm('ana perez')).toEqual({
      kind: 'and',
      items: [
        { kind: 'word', text: 'ana' },
        { kind: 'word', text: 'perez' },
      ],
    });
    expect(parseSearchTerm('ana OR bob AND NOT carla')).toEqual({
      kind: 'or',
      items: [
        { kind: 'word', text: 'ana' },
        { kind: 'andNot', left: { kind: 'word', text: 'bob' }, right: { kind: 'word', text: 'carla' } },
      ],
    });
    expect(parseSearchTerm('(ana OR bob) AND acme').kind).toBe('and');
  });

  it('keeps escaped reserved characters and wildcards in words', () => {
    expect(parseSearchTerm('\\+5491155550001')).toEqual({ kind: 'word', text: '+5491155550001' });
    expect(parseSearchTerm('gonz*')).toEqual({ kind: 'word', text: 'gonz*' });
  });

  it('reads an escaped * or ? as punctuation, and leaves out words of punctuation alone', () => {
    expect(parseSearchTerm('gonz\\*')).toEqual({ kind: 'word', text: 'gonz ' });
    expect(parseSearchTerm('a\\?b')).toEqual({ kind: 'word', text: 'a b' });
    expect(parseSearchTerm('ana \\) \\}\\}')).toEqual({ kind: 'word', text: 'ana' });
    expect(() => parseSearchTerm('\\*\\* \\-')).toThrow(
      expect.objectContaining({ errorCode: 'MALFORMED_SEARCH' }),
    );
  });

  it('refuses empty, one-character and unbalanced terms with MALFORMED_SEARCH', () => {
    for (const bad of ['', '   ', 'a', '"ana', '(ana', 'ana)']) {
      expect(() => parseSearchTerm(bad)).toThrow(expect.objectContaining({ errorCode: 'MALFORMED_SEARCH' }));
    }
  });

  it('folds case and accents when splitting text into words', () => {
    expect(words('María José GÓMEZ-Núñez, ana@acme.com')).toEqual([
      'maria',
      'jose',
      'gomez',
      'nunez',
      'ana',
      'acme',
      'com',
    ]);
  });
});
