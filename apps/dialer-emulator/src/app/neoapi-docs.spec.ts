import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEOAPI_METHODS, NEO_ERROR_STATUS, NEO_EVENT_TYPES } from '@puente/neoapi';

/** The method table of docs/neoapi.md, generated from the contract (paste it when this test fails). */
export function methodTable(): string {
  const rows = Object.entries(NEOAPI_METHODS).map(
    ([name, spec]) => `| \`${name}\` | ${spec.auth} | ${spec.summary.replace(/\|/g, '\\|')} |`,
  );
  return ['| Method | Auth | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}

const normalise = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
        .join('|'),
    )
    .filter((line) => !/^[-:|\s]+$/.test(line));

describe('docs/neoapi.md', () => {
  const doc = readFileSync(join(__dirname, '../../../../docs/neoapi.md'), 'utf8');

  it('lists every method of the contract with its auth and summary', () => {
    const lines = normalise(doc);
    const missing = normalise(methodTable()).filter((row) => !lines.includes(row));
    if (missing.length > 0) process.stdout.write(`\nExpected method table:\n${methodTable()}\n`);
    expect(missing).toEqual([]);
  });

  it('names every error code and every event type', () => {
    for (const code of Object.keys(NEO_ERROR_STATUS)) expect(doc).toContain(`\`${code}\``);
    for (const type of NEO_EVENT_TYPES) expect(doc).toContain(`\`${type}\``);
  });
});
