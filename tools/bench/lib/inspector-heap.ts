import { InspectorSession } from './inspector-session';

/** What a child holds once its garbage is collected, read through its inspector. */
export interface HeldMemory {
  /** V8 heap in use after the collection. */
  heapBytes: number;
  /** V8 heap reserved after the collection (in use or not): most of RSS beyond `heapBytes`. */
  committedHeapBytes: number;
  /** Memory outside the heap owned by JS objects (Buffers, ArrayBuffers). */
  externalBytes: number;
  /** The process's resident memory right after the collection (V8 gives back what it freed). */
  rssBytes: number;
  /** V8's heap spaces after the collection: where the reserve beyond `heapBytes` sits. */
  spaces: { name: string; usedBytes: number; committedBytes: number }[];
}

// Run inside the child: one full collection (--expose-gc), then its own figures.
const HELD = `(() => {
  gc();
  const m = process.memoryUsage();
  const spaces = process.getBuiltinModule('v8').getHeapSpaceStatistics().map((s) => ({
    name: s.space_name, usedBytes: s.space_used_size, committedBytes: s.physical_space_size,
  }));
  return { heapBytes: m.heapUsed, committedHeapBytes: m.heapTotal, externalBytes: m.external, rssBytes: m.rss, spaces };
})()`;

/**
 * Collects a child's garbage and reads what its heap still holds, through
 * the DevTools protocol (the child runs with `--inspect=127.0.0.1:0
 * --expose-gc`). Right after thousands of logins the heap is mostly garbage
 * V8 has not collected yet, so RSS says more about the collector's timing
 * than about the agents; this says what the process keeps per agent. The
 * collection pauses the child (a second or more at 10,000 agents): read it
 * after the timed part of a run.
 */
export function heldMemory(inspectorUrl: string): Promise<HeldMemory> {
  return InspectorSession.evaluateOnce<HeldMemory>(inspectorUrl, HELD);
}

/**
 * Writes a heap snapshot of the child to `file` (the child's own path:
 * children run on this machine), for `--heap-snapshot`. The child pauses
 * while V8 writes it (seconds at 10,000 agents): take it outside timed parts.
 */
export async function writeHeapSnapshot(inspectorUrl: string, file: string): Promise<void> {
  const write = `process.getBuiltinModule('v8').writeHeapSnapshot(${JSON.stringify(file)})`;
  await InspectorSession.evaluateOnce(inspectorUrl, write);
  process.stderr.write(`  heap snapshot: ${file}\n`);
}
