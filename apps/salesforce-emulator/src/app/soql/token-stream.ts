import { queryErrors } from './errors';
import type { Token } from './lexer';

/** A cursor over tokens with the checks every recursive-descent rule needs. */
export class TokenStream {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    readonly text: string,
  ) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  /** True when the next token is the keyword (case-insensitive). */
  isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }

  isPunct(p: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === p;
  }

  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.next();
    return true;
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.next();
    return true;
  }

  expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.unexpected();
    return this.next();
  }

  expectPunct(p: string): Token {
    if (!this.isPunct(p)) throw this.unexpected();
    return this.next();
  }

  expectIdent(): Token {
    if (this.peek().kind !== 'ident') throw this.unexpected();
    return this.next();
  }

  /** Salesforce's wording for a token that has no place here. */
  unexpected(token: Token = this.peek()) {
    const shown = token.kind === 'eof' ? '<EOF>' : `'${token.text}'`;
    return queryErrors.malformed(this.text, token.pos, `unexpected token: ${shown}`);
  }
}
