import { runSimulation } from './simulate';

describe('predictive pacing (seeded simulation in virtual time)', () => {
  it('keeps the abandon rate at or under the 3% target over a simulated working day', async () => {
    const report = await runSimulation({ agents: 10, hours: 8, seed: 11 });
    expect(report.calls).toBeGreaterThan(2000);
    expect(report.connected).toBeGreaterThan(800);
    expect(report.abandonRate).toBeLessThanOrEqual(0.03);
    expect(report.averageHandleSeconds).toBeGreaterThan(60);
  });

  it('honours a stricter target and still keeps agents busy', async () => {
    const report = await runSimulation({ agents: 20, hours: 2, seed: 5, target: 0.01 });
    expect(report.abandonRate).toBeLessThanOrEqual(0.01);
    expect(report.occupancy).toBeGreaterThan(0.4);
  });

  it('is reproducible: the same seed gives the same day', async () => {
    const a = await runSimulation({ agents: 5, hours: 1, seed: 3 });
    const b = await runSimulation({ agents: 5, hours: 1, seed: 3 });
    expect(b).toEqual(a);
  });
});
