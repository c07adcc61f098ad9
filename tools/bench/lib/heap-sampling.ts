import { writeFileSync } from 'node:fs';
import { InspectorSession } from './inspector-session';

/**
 * V8's sampling heap profiler in a child service, for `--heap-profile`:
 * samples about one allocation per 16 KiB and keeps every sample a minor
 * collection did not free: what reached the old generation, whether the
 * process still holds it or a major collection freed it later. The second
 * kind is garbage promoted under load, which makes V8 reserve old space
 * beyond what the process holds (issue 18 §3). The file opens in Chrome
 * DevTools (Memory → Load profile); compare its total with held memory.
 */
export class HeapSampling {
  private constructor(
    private readonly session: InspectorSession,
    private readonly during: string,
  ) {}

  /** `during`: what the profile covers, for the figure printed. */
  static async start(inspectorUrl: string, during: string): Promise<HeapSampling> {
    const session = await InspectorSession.open(inspectorUrl);
    await session.call('HeapProfiler.enable');
    await session.call('HeapProfiler.startSampling', {
      samplingInterval: 16 * 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: false,
    });
    return new HeapSampling(session, during);
  }

  /**
   * Writes the profile to `file`, after two minor collections: the young
   * generation's garbage then leaves the profile. A full collection here
   * (as before) counted all of it as collected by a major GC: about a
   * young generation's worth (up to ~100 MiB) of short-lived allocations
   * read as promoted.
   */
  async stop(file: string): Promise<void> {
    try {
      await this.session.evaluate("gc({ type: 'minor' }), gc({ type: 'minor' })");
      const { profile } = await this.session.call<{ profile: { head: ProfileNode } }>(
        'HeapProfiler.getSamplingProfile',
      );
      await this.session.call('HeapProfiler.stopSampling');
      writeFileSync(file, JSON.stringify(profile));
      const mib = (selfSizes(profile.head) / 2 ** 20).toFixed(1);
      process.stderr.write(`  reached the old generation during the ${this.during}: ~${mib} MiB (${file})\n`);
    } finally {
      this.session.close();
    }
  }
}

interface ProfileNode {
  selfSize: number;
  children: ProfileNode[];
}

function selfSizes(node: ProfileNode): number {
  return node.children.reduce((sum, child) => sum + selfSizes(child), node.selfSize);
}
