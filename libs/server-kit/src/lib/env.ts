import { z } from 'zod';

/** One environment variable: how to parse it, what it is for, whether it is a secret. */
export interface EnvVarSpec<T> {
  schema: z.ZodType<T>;
  description: string;
  secret?: boolean;
}

export type EnvSpec = Record<string, EnvVarSpec<unknown>>;
export type EnvValues<S extends EnvSpec> = { [K in keyof S]: S[K] extends EnvVarSpec<infer T> ? T : never };

export interface EnvIssue {
  variable: string;
  message: string;
}

/** Thrown at boot when the environment is wrong; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly EnvIssue[]) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}\n` +
        'Fix the variable(s) above (see docs/configuration.md) and start again.',
    );
    this.name = 'ConfigError';
  }
}

export function envVar<T>(
  schema: z.ZodType<T>,
  description: string,
  options: { secret?: boolean } = {},
): EnvVarSpec<T> {
  return { schema, description, secret: options.secret ?? false };
}

/** A TCP port with a default; rejects anything that is not 1..65535. */
export function portVar(defaultPort: number, description: string): EnvVarSpec<number> {
  return envVar(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535'))
      .default(defaultPort),
    description,
  );
}

export function urlVar(defaultUrl: string, description: string): EnvVarSpec<string> {
  return envVar(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .transform((u) => u.replace(/\/+$/, ''))
      .default(defaultUrl),
    description,
  );
}

export function boolVar(defaultValue: boolean, description: string): EnvVarSpec<boolean> {
  return envVar(
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .default(defaultValue),
    description,
  );
}

export function intVar(
  defaultValue: number,
  description: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): EnvVarSpec<number> {
  return envVar(
    z
      .string()
      .regex(/^-?\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .default(defaultValue),
    description,
  );
}

export function enumVar<const T extends readonly [string, ...string[]]>(
  values: T,
  defaultValue: T[number],
  description: string,
): EnvVarSpec<T[number]> {
  return envVar(
    z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(defaultValue),
    description,
  );
}

export function stringVar(
  defaultValue: string,
  description: string,
  options: { secret?: boolean } = {},
): EnvVarSpec<string> {
  return envVar(z.string().default(defaultValue), description, options);
}

/**
 * Reads every variable of `spec` from `env`. Empty strings count as unset so
 * that `FOO= npm start` falls back to the default instead of failing oddly.
 * Values of secret variables never appear in the error.
 */
export function loadEnv<S extends EnvSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): EnvValues<S> {
  const issues: EnvIssue[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(spec)) {
    const raw = env[name];
    const input = raw === undefined || raw === '' ? undefined : raw;
    const result = variable.schema.safeParse(input);
    if (result.success) {
      values[name] = result.data;
    } else {
      const message = result.error.issues[0]?.message ?? 'is invalid';
      const shown = variable.secret ? '' : ` (got ${JSON.stringify(raw)})`;
      issues.push({ variable: name, message: `${message}${shown}` });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return values as EnvValues<S>;
}

/** A markdown table of the variables, for docs/configuration.md. */
export function describeEnv(spec: EnvSpec): string {
  const rows = Object.entries(spec).map(([name, v]) => {
    const parsed = v.schema.safeParse(undefined);
    const def = v.secret ? '(secret)' : parsed.success ? `\`${String(parsed.data)}\`` : '(required)';
    return `| \`${name}\` | ${def} | ${v.description} |`;
  });
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/**
 * Rows of `describeEnv(spec)` that a document does not contain (cell by cell,
 * ignoring the padding a formatter adds): lets each service's tests keep
 * docs/configuration.md true.
 */
export function undocumentedVariables(spec: EnvSpec, markdown: string): string[] {
  const cells = (row: string) =>
    row
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim())
      .join('|');
  const documented = new Set(
    markdown
      .split('\n')
      .filter((l) => l.trim().startsWith('|'))
      .map(cells),
  );
  return describeEnv(spec)
    .split('\n')
    .slice(2)
    .filter((row) => !documented.has(cells(row)));
}
