// `npm run callcenter -- generate|validate`: the Call Center definition (C7).
import { readFileSync } from 'node:fs';
import { generateCallCenterMetadata, generateCallCenterXml, readCallCenterSettings } from '@puente/crm';

const USAGE = `Usage:
  npm run callcenter -- generate [--set /section/item=value ...]
      Prints the Call Center XML to import into Salesforce (Setup → Call Centers → Import).
      Example: --set /reqGeneralInfo/reqAdapterUrl=https://cti.example.com/panel/
  npm run callcenter -- generate --metadata [--set /section/item=value ...]
      The same definition as a Metadata API CallCenter component, as the Salesforce DX
      package keeps it (salesforce/force-app/main/default/callCenters/PuenteCTI.callCenter-meta.xml).
  npm run callcenter -- validate FILE
      Prints the parsed settings as JSON, or every problem with its path (exit code 1).`;

function generate(args: string[]): number {
  const overrides: Record<string, string> = {};
  let metadata = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--metadata') {
      metadata = true;
      continue;
    }
    if (args[i] !== '--set') return fail(`unknown option ${args[i]}`);
    const pair = args[++i] ?? '';
    const eq = pair.indexOf('=');
    if (eq < 0 || !pair.startsWith('/')) return fail(`--set needs /section/item=value, got "${pair}"`);
    overrides[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const xml = generateCallCenterXml(overrides);
  const check = readCallCenterSettings(xml);
  if (!check.ok) {
    for (const e of check.errors) process.stderr.write(`${e.path}: ${e.message}\n`);
    return 1;
  }
  process.stdout.write(metadata ? generateCallCenterMetadata(overrides) : xml);
  return 0;
}

function validate(file: string | undefined): number {
  if (!file) return fail('validate needs a FILE');
  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`cannot read ${file}: ${(error as Error).message}`);
  }
  const result = readCallCenterSettings(xml);
  if (result.ok) {
    process.stdout.write(`${JSON.stringify(result.settings, null, 2)}\n`);
    return 0;
  }
  for (const e of result.errors) process.stderr.write(`${e.path}: ${e.message}\n`);
  return 1;
}

function fail(message: string): number {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  return 2;
}

const [command, ...rest] = process.argv.slice(2);
let code: number;
if (command === 'generate') code = generate(rest);
else if (command === 'validate') code = validate(rest[0]);
else if (!command || command === '--help' || command === '-h') {
  process.stdout.write(`${USAGE}\n`);
  code = 0;
} else code = fail(`unknown command "${command}"`);
process.exitCode = code;
