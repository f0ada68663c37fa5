import { describe, expect, it } from 'vitest';
import { TENANT_B, closingGraphWorlds } from './graph-fixture';

const world = closingGraphWorlds();

describe('a Graph request that does not answer', () => {
  it('is abandoned at the request timeout and retried, so the type fails instead of holding the check', async () => {
    const { sim, reader } = await world(
      {},
      { requestTimeoutMs: 100, retry: { random: () => 0, maxRetries: 1 } },
    );
    sim.control.setFaults(TENANT_B, { latencyMs: 30_000 });
    const started = Date.now();

    const read = await reader.read(TENANT_B, { types: ['settingsCatalog'] });

    expect(Date.now() - started).toBeLessThan(10_000);
    expect(read.coverage.settingsCatalog).toMatchObject({ status: 'failed', objects: 0 });
    expect(read.graphRequests).toBe(2);
  });

  it('a slow answer within the timeout is read as usual', async () => {
    const { sim, reader } = await world({}, { requestTimeoutMs: 5_000 });
    sim.control.setFaults(TENANT_B, { latencyMs: 50 });

    const read = await reader.read(TENANT_B, { types: ['settingsCatalog'] });

    expect(read.coverage.settingsCatalog?.status).toBe('complete');
  });
});
