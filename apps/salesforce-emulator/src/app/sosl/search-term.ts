import { SfApiError } from '../errors/sf-error';

/** The search expression inside FIND {…}: words, "phrases", wildcards, AND / OR / AND NOT, parentheses. */
export type SearchExpr =
  | { kind: 'word'; text: string }
  | { kind: 'phrase'; words: string[] }
  | { kind: 'and'; items: SearchExpr[] }
  | { kind: 'or'; items: SearchExpr[] }
  | { kind: 'andNot'; left: SearchExpr; right: SearchExpr };

type Tok = { kind: 'word' | 'phrase' | 'open' | 'close'; text: string };

export function malformedSearch(message: string): SfApiError {
  return new SfApiError(400, 'MALFORMED_SEARCH', message);
}

/** Lower case without accents, so "Pérez" and "perez" are the same word, as Salesforce's index treats them. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Words of a text as the index sees them. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}*?]+/u)
    .filter((w) => w.length > 0);
}

/**
 * Splits a term into words, phrases and parentheses. An escaped character is
 * the character itself: an escaped * or ? is no wildcard but punctuation,
 * which the index splits words at (so it becomes a space here), and a word
 * with no letter, digit or wildcard left is no word at all — "ana \\)" is a
 * search for ana, as on Salesforce.
 */
function lex(term: string): Tok[] {
  const tokens: Tok[] = [];
  let i = 0;
  let word = '';
  const flush = () => {
    if (/[\p{L}\p{N}*?]/u.test(word)) tokens.push({ kind: 'word', text: word });
    word = '';
  };
  while (i < term.length) {
    const c = term[i];
    if (c === '\\' && i + 1 < term.length) {
      const escaped = term[i + 1];
      word += escaped === '*' || escaped === '?' ? ' ' : escaped;
      i += 2;
    } else if (c === '"') {
      flush();
      const end = term.indexOf('"', i + 1);
      if (end === -1) throw malformedSearch('Unbalanced quotes in the search term');
      tokens.push({ kind: 'phrase', text: term.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '(' || c === ')') {
      flush();
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c });
      i++;
    } else if (/\s/.test(c)) {
      flush();
      i++;
    } else {
      word += c;
      i++;
    }
  }
  flush();
  return tokens;
}

class TermParser {
  private i = 0;
  constructor(private readonly tokens: Tok[]) {}

  parse(): SearchExpr {
    const expr = this.or();
    if (this.i < this.tokens.length)
      throw malformedSearch(`unexpected '${this.tokens[this.i].text}' in the search term`);
    return expr;
  }

  private isOp(word: string): boolean {
    const t = this.tokens[this.i];
    return t?.kind === 'word' && t.text.toUpperCase() === word;
  }

  private or(): SearchExpr {
    const items = [this.and()];
    while (this.isOp('OR')) {
      this.i++;
      items.push(this.and());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private and(): SearchExpr {
    let left = this.unary();
    for (;;) {
      const t = this.tokens[this.i];
      if (!t || t.kind === 'close' || this.isOp('OR')) return left;
      if (this.isOp('AND') && this.tokens[this.i + 1]?.text.toUpperCase() === 'NOT') {
        this.i += 2;
        left = { kind: 'andNot', left, right: this.unary() };
        continue;
      }
      if (this.isOp('AND')) this.i++;
      const right = this.unary();
      left =
        left.kind === 'and'
          ? { kind: 'and', items: [...left.items, right] }
          : { kind: 'and', items: [left, right] };
    }
  }

  private unary(): SearchExpr {
    const t = this.tokens[this.i++];
    if (!t) throw malformedSearch('Incomplete search term');
    if (t.kind === 'open') {
      const inner = this.or();
      if (this.tokens[this.i++]?.kind !== 'close')
        throw malformedSearch('Unbalanced parentheses in the search term');
      return inner;
    }
    if (t.kind === 'close') throw malformedSearch("unexpected ')' in the search term");
    if (t.kind === 'phrase') return { kind: 'phrase', words: words(t.text) };
    return { kind: 'word', text: t.text };
  }
}

/** Parses a search term; terms of one character (wildcards aside) are refused, as Salesforce does. */
export function parseSearchTerm(term: string): SearchExpr {
  const tokens = lex(term);
  if (tokens.length === 0)
    throw malformedSearch('No search term found. The search term must be enclosed in braces.');
  const expr = new TermParser(tokens).parse();
  const tooShort = (e: SearchExpr): boolean =>
    e.kind === 'word'
      ? e.text.replace(/[*?]/g, '').length < 2 && !/^\d$/.test(e.text)
      : e.kind === 'phrase'
        ? e.words.join('').length < 2
        : e.kind === 'andNot'
          ? tooShort(e.left) || tooShort(e.right)
          : e.items.some(tooShort);
  if (tooShort(expr)) throw malformedSearch('search term must be longer than one character');
  return expr;
}
