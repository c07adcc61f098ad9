/** What every `npm run bench -- <suite>` module exports (tools/bench/suites/<suite>.ts). */
export interface BenchSuite {
  /** One paragraph for --help: the options and what is measured. */
  usage: string;
  /** Nx projects to build before running (cached when nothing changed). */
  builds: readonly string[];
  run(args: readonly string[], context: { workspaceRoot: string }): Promise<void>;
}

export function option(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

export function positiveInts(value: string, name: string): number[] {
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`--${name} needs positive whole numbers, got "${value}"`);
  return list;
}
