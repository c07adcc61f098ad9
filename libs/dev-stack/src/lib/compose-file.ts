import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The subset of the compose specification docker/compose*.yaml use, strict:
 * a key outside it (a typo such as `depend_on`, or a feature nobody checked
 * here) fails the parse instead of being ignored (issue 18 §4).
 */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'a duration such as 10s');

const condition = z.enum(['service_started', 'service_healthy', 'service_completed_successfully']);
const dependsOn = z.union([
  z
    .array(z.string())
    .transform((names) =>
      Object.fromEntries(names.map((name) => [name, { condition: 'service_started' as const }])),
    ),
  z.record(z.string(), z.strictObject({ condition, required: z.boolean().optional() })),
]);

const healthcheck = z.strictObject({
  test: z.union([z.tuple([z.literal('CMD')], z.string()), z.tuple([z.literal('CMD-SHELL'), z.string()])]),
  interval: duration.optional(),
  timeout: duration.optional(),
  retries: z.number().int().positive().optional(),
  start_period: duration.optional(),
});

export const composeServiceSchema = z.strictObject({
  image: z.string().optional(),
  build: z
    .strictObject({
      context: z.string(),
      dockerfile: z.string(),
      args: z.record(z.string(), scalar).optional(),
    })
    .optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), scalar).default({}),
  ports: z.array(z.string().regex(/^\d+:\d+$/, 'host:container')).optional(),
  depends_on: dependsOn.default({}),
  healthcheck: healthcheck.optional(),
  profiles: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  restart: z.enum(['no', 'always', 'on-failure', 'unless-stopped']).optional(),
});

export const composeFileSchema = z
  .strictObject({
    name: z.string().optional(),
    services: z.record(z.string(), composeServiceSchema),
    volumes: z.record(z.string(), z.null()).optional(),
  })
  // x-* keys hold YAML anchors shared by services (compose ignores them).
  .catchall(z.unknown());

export type ComposeService = z.infer<typeof composeServiceSchema>;
export type ComposeFile = z.infer<typeof composeFileSchema>;

/** Reads one compose file: YAML merge keys (`<<: *anchor`) resolved, then the schema. */
export function readComposeFile(path: string): ComposeFile {
  const raw: unknown = parse(readFileSync(path, 'utf8'), { merge: true });
  const result = composeFileSchema.safeParse(raw);
  if (!result.success)
    throw new Error(
      `${path} does not match the compose subset: ${result.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  return result.data;
}

/**
 * `docker compose -f a.yaml -f b.yaml`: services merge by name, environment
 * and depends_on by key (the later file wins), other keys are replaced.
 */
export function mergeCompose(files: ComposeFile[]): ComposeFile {
  const merged: ComposeFile = { services: {}, volumes: {} };
  for (const file of files) {
    for (const [name, service] of Object.entries(file.services)) {
      const before = merged.services[name];
      merged.services[name] = before
        ? {
            ...before,
            ...service,
            environment: { ...before.environment, ...service.environment },
            depends_on: { ...before.depends_on, ...service.depends_on },
          }
        : service;
    }
    Object.assign(merged.volumes ?? {}, file.volumes ?? {});
  }
  return merged;
}

const INTERPOLATION = /\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}/g;

/** The variables a value takes from the operator's shell or .env (`${NAME}`, `${NAME:-x}`, `${NAME:?x}`). */
export function interpolatedNames(value: string): string[] {
  return [...value.matchAll(INTERPOLATION)].map((m) => m[1]);
}

/**
 * A value as compose would pass it with nothing set by the operator:
 * `${X:-default}` gives the default, a required `${X:?…}` (or a bare `${X}`)
 * the placeholder `set-X`, so a URL keeps its shape for the checks.
 */
export function interpolateDefaults(value: string): string {
  return value.replace(INTERPOLATION, (_all, name: string, op?: string, rest?: string) =>
    op?.endsWith('-') ? (rest ?? '') : `set-${name}`,
  );
}

/** Every `scheme://…` URL inside a value (comma-separated lists included). */
export function urlsIn(value: string): URL[] {
  return (interpolateDefaults(value).match(/[a-z][a-z0-9+.-]*:\/\/[^\s,;]+/gi) ?? []).flatMap((text) => {
    try {
      return [new URL(text)];
    } catch {
      return [];
    }
  });
}

const DEFAULT_PORTS: Record<string, number> = {
  'http:': 80,
  'https:': 443,
  'ws:': 80,
  'wss:': 443,
  'redis:': 6379,
  'rediss:': 6379,
  'postgres:': 5432,
  'mssql:': 1433,
};

/** The port a URL connects to, its scheme's default when it names none. */
export function portOf(url: URL): number {
  return url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? NaN);
}

/** The variables of a markdown table's first column under a heading of docs/*.md. */
export function tableVariables(markdown: string, heading: string): { name: string; cells: string[] }[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(/\n#{1,3} /);
  return (end < 0 ? rest : rest.slice(0, end))
    .split('\n')
    .map((line) => line.match(/^\|\s*`([A-Z0-9_]+)`\s*\|(.*)\|\s*$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ name: m[1], cells: m[2].split('|').map((c) => c.trim()) }));
}
