import { SfApiError } from '../errors/sf-error';

const REFERENCE = /@\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

function halted(message: string): SfApiError {
  return new SfApiError(400, 'PROCESSING_HALTED', message);
}

function walk(value: unknown, path: string): unknown {
  let current = value;
  for (const [, prop, index] of path.matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    current =
      prop !== undefined ? (current as Record<string, unknown>)[prop] : (current as unknown[])[Number(index)];
  }
  return current;
}

/**
 * Resolves "@{refId.path}" references of a composite subrequest against the
 * bodies of the earlier ones (`@{NewAccount.id}`, `@{Q.records[0].Id}`).
 */
export class ReferenceResolver {
  private readonly results = new Map<string, unknown>();
  private readonly failed = new Set<string>();

  succeeded(referenceId: string, body: unknown): void {
    this.results.set(referenceId, body);
  }

  fail(referenceId: string): void {
    this.failed.add(referenceId);
  }

  private lookup(ref: string, path: string): unknown {
    if (this.failed.has(ref)) {
      throw halted(
        `Invalid reference specified. No value for ${ref}${path} found in ${ref}. Provided referenceId ('${ref}') refers to a failed subrequest.`,
      );
    }
    if (!this.results.has(ref)) {
      throw halted(
        `Invalid reference specified. Provided referenceId ('${ref}') refers to no earlier subrequest.`,
      );
    }
    const value = walk(this.results.get(ref), path);
    if (value === undefined || value === null || typeof value === 'object') {
      throw halted(`Invalid reference specified. No value for ${ref}${path} found in ${ref}.`);
    }
    return value;
  }

  /** A string with references replaced; a string that is exactly one reference keeps the value's type. */
  private text(value: string): unknown {
    const whole = /^@\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/.exec(value);
    if (whole) return this.lookup(whole[1], whole[2]);
    return value.replace(REFERENCE, (_, ref: string, path: string) => String(this.lookup(ref, path)));
  }

  resolve(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]));
    }
    return value;
  }

  resolveUrl(url: string): string {
    return url.replace(REFERENCE, (_, ref: string, path: string) =>
      encodeURIComponent(String(this.lookup(ref, path))),
    );
  }
}
