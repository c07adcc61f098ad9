import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';

/** One Apex file of the package: a class or a trigger. */
export interface ApexSource {
  kind: 'class' | 'trigger';
  name: string;
  file: string;
  text: string;
  isTest: boolean;
}

export const FORCE_APP = join(__dirname, '..', 'force-app', 'main', 'default');

/** Every .cls and .trigger under force-app, read. */
export function apexSources(root = FORCE_APP): ApexSource[] {
  const read = (folder: string, ext: string, kind: ApexSource['kind']) =>
    readdirSync(join(root, folder))
      .filter((f) => f.endsWith(ext))
      .map((f) => {
        const file = join(root, folder, f);
        const text = readFileSync(file, 'utf8');
        return { kind, name: basename(f, ext), file, text, isTest: /@isTest\b/i.test(text) };
      });
  return [...read('classes', '.cls', 'class'), ...read('triggers', '.trigger', 'trigger')];
}

class CollectingListener extends ApexErrorListener {
  readonly errors: string[] = [];
  apexSyntaxError(line: number, column: number, msg: string): void {
    this.errors.push(`${line}:${column} ${msg}`);
  }
}

/** The syntax errors apex-parser (lexer and parser both) finds in a source; none for valid Apex. */
export function apexSyntaxErrors(source: ApexSource): string[] {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source.text, listener);
  if (source.kind === 'trigger') parser.triggerUnit();
  else parser.compilationUnit();
  return listener.errors;
}

/** The source without comments, so that naming a class in a comment does not count as using it. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}
