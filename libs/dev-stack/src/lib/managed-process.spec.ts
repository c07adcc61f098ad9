import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('ManagedProcess', () => {
  const dir = mkdtempSync(join(tmpdir(), 'managed-'));
  // A service that starts a grandchild and ignores nothing: the group kill must reach both.
  const script = join(dir, 'service.js');
  writeFileSync(
    script,
    `const { spawn } = require('node:child_process');
     const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
     console.log('grandchild ' + g.pid);
     console.log('supervisor ' + process.env.PUENTE_SUPERVISOR_PID);
     setInterval(() => {}, 1000);`,
  );

  it('streams output lines, and stopping ends the whole process group', async () => {
    const lines: string[] = [];
    const p = new ManagedProcess({ name: 'svc', entry: script, env: {}, cwd: dir });
    p.start((_stream, line) => lines.push(line));
    await until(() => lines.length >= 2);
    const grandchild = Number(lines.find((l) => l.startsWith('grandchild'))?.split(' ')[1]);
    expect(lines).toContain(`supervisor ${process.pid}`);
    expect(alive(grandchild)).toBe(true);
    await p.stop(2000);
    expect(p.running).toBe(false);
    expect(p.crashed).toBe(false);
    await until(() => !alive(grandchild));
  });

  it('reports a crash when the service ends by itself', async () => {
    const crashing = join(dir, 'crash.js');
    writeFileSync(crashing, 'process.exit(3)');
    const p = new ManagedProcess({ name: 'crash', entry: crashing, env: {}, cwd: dir });
    p.start(() => undefined);
    expect(await p.exited).toBe(3);
    expect(p.crashed).toBe(true);
  });
});
