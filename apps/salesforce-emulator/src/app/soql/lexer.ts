import { queryErrors } from './errors';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The text as written (for strings: the content between the quotes, escapes included). */
  text: string;
  /** Strings: the value with escapes resolved. */
  value: string;
  pos: number;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
  _: '_',
  '%': '%',
};

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w:])/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = ['!=', '<>', '<=', '>=', '=', '<', '>'];

/** Tokens after which a sign belongs to a number ("= -5", "IN (-1, -2)"), not to an operator. */
function signAllowed(previous: Token | undefined): boolean {
  return !previous || previous.kind === 'op' || (previous.kind === 'punct' && previous.text !== ')');
}

function readString(text: string, start: number): Token {
  let i = start + 1;
  let value = '';
  while (i < text.length) {
    const c = text[i];
    if (c === "'") return { kind: 'string', text: text.slice(start + 1, i), value, pos: start };
    if (c === '\\') {
      const next = text[i + 1];
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (next === undefined || !(next in ESCAPES)) {
        throw queryErrors.malformed(
          text,
          start,
          `Invalid string literal '${text.slice(start + 1, Math.min(text.length, i + 2))}'. ` +
            `Illegal character sequence '\\${next ?? ''}' in string literal.`,
        );
      }
      value += ESCAPES[next];
      i += 2;
      continue;
    }
    if (c === '\n' || c === '\r')
      throw queryErrors.malformed(text, i, 'line break not allowed in string literal');
    value += c;
    i++;
  }
  throw queryErrors.malformed(text, text.length, "mismatched character '<EOF>' expecting '''");
}

/** Splits SOQL (and SOSL after its search term) into tokens; keywords stay identifiers. */
export function tokenize(text: string, from = 0): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if (c === "'") {
      const token = readString(text, i);
      tokens.push(token);
      i += token.text.length + 2;
      continue;
    }
    const dt = DATETIME.exec(rest) ?? DATE.exec(rest);
    if (dt && /^\d/.test(c)) {
      tokens.push({ kind: dt[0].includes('T') ? 'datetime' : 'date', text: dt[0], value: dt[0], pos: i });
      i += dt[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num && (/[\d.]/.test(c) || signAllowed(tokens[tokens.length - 1]))) {
      tokens.push({ kind: 'number', text: num[0], value: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], value: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: 'op', text: op, value: op, pos: i });
      i += op.length;
      continue;
    }
    if ('(),.:'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, value: c, pos: i });
      i++;
      continue;
    }
    throw queryErrors.malformed(text, i, `unexpected token: '${c}'`);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', value: '', pos: text.length });
  return tokens;
}
