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
}

// Run inside the child: one full collection (--expose-gc), then its own figures.
const HELD = `(() => { gc(); const m = process.memoryUsage(); return { heapBytes: m.heapUsed, committedHeapBytes: m.heapTotal, externalBytes: m.external, rssBytes: m.rss }; })()`;

/**
 * Collects a child's garbage and reads what its heap still holds, through
 * the DevTools protocol (the child runs with `--inspect=127.0.0.1:0
 * --expose-gc`). Right after thousands of logins the heap is mostly garbage
 * V8 has not collected yet, so RSS says more about the collector's timing
 * than about the agents; this says what the process keeps per agent. The
 * collection pauses the child (a second or more at 10,000 agents): read it
 * after the timed part of a run.
 */
export async function heldMemory(inspectorUrl: string): Promise<HeldMemory> {
  const socket = new WebSocket(inspectorUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`no inspector at ${inspectorUrl}`)), {
        once: true,
      });
    });
    return await new Promise<HeldMemory>((resolve, reject) => {
      socket.addEventListener('message', (message) => {
        const reply = JSON.parse(String(message.data)) as {
          id?: number;
          result?: { result?: { value?: HeldMemory }; exceptionDetails?: { text: string } };
          error?: { message: string };
        };
        if (reply.id !== 1) return;
        const value = reply.result?.result?.value;
        if (value) resolve(value);
        else reject(new Error(reply.error?.message ?? reply.result?.exceptionDetails?.text ?? 'no answer'));
      });
      const params = { expression: HELD, returnByValue: true, includeCommandLineAPI: false };
      socket.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params }));
    });
  } finally {
    socket.close();
  }
}
