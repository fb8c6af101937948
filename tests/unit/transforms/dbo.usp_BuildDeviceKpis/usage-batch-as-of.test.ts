// Section 01 tags each usage sample with the configuration batch in effect when it was recorded:
// the latest batch collected at or before the sample, ties on the time going to the higher
// BatchId, none (NULL, key 'UNKNOWN') before a device's first batch. The transform finds it with
// an equi-join on spans between consecutive batches rather than an ASOF JOIN; these cases check
// it against that rule written out row by row, on times drawn from a few values so that ties,
// samples exactly at a batch's time and samples before any batch all occur many times.
import { EngineSession, runTransform } from '../../../../src/engine';
import usageWithConfig from '../../../../src/transforms/dbo.usp_BuildDeviceKpis/01-usage-with-config';

const HOURS = ['00', '03', '06', '09', '12', '15', '18', '21'];
const PARAMS = { '@FromDate': '2026-03-02', '@ToDate': '2026-03-03' };

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('01-usage-with-config: the batch in effect for each sample', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open(); });
  afterAll(() => session.close());

  it.each([1, 2, 3, 4, 5])('matches the latest batch at or before the sample, ties to the higher BatchId (seed %i)', async (seed) => {
    const next = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const time = (): string => `2026-03-0${pick(['1', '2', '3'])} ${pick(HOURS)}:00:00`;
    const devices = Array.from({ length: 12 }, (_, i) => ({ DeviceId: i + 1, IsActive: true }));
    const snapshots: { DeviceId: number; BatchId: number; CollectedAt: string; SettingName: string; SettingValue: string }[] = [];
    const usage: { DeviceId: number; RecordedAt: string; CpuPct: null; MemoryMb: null; BatteryDrainMw: null; NetworkKb: null; WorkloadType: null }[] = [];
    for (const { DeviceId } of devices) {
      const batches = Math.floor(next() * 6); // 0-5: some devices are never scanned
      for (let b = 1; b <= batches; b++) {
        const at = time();
        for (const name of ['PowerMode', 'Brightness']) snapshots.push({ DeviceId, BatchId: b * 10 + Math.floor(next() * 5), CollectedAt: at, SettingName: name, SettingValue: pick(['1', '2']) });
      }
      for (let s = 0; s < 15; s++) usage.push({ DeviceId, RecordedAt: time(), CpuPct: null, MemoryMb: null, BatteryDrainMw: null, NetworkKb: null, WorkloadType: null });
    }
    // a batch's rows share a BatchId drawn per row above: make each batch one id and one time
    const batchOf = new Map<string, { BatchId: number; CollectedAt: string }>();
    for (const s of snapshots) {
      const key = `${s.DeviceId}/${Math.floor(s.BatchId / 10)}`;
      const first = batchOf.get(key) ?? { BatchId: s.BatchId, CollectedAt: s.CollectedAt };
      batchOf.set(key, first);
      s.BatchId = first.BatchId;
      s.CollectedAt = first.CollectedAt;
    }
    const rows = await runTransform(session, usageWithConfig, { 'dbo.Device': devices, 'dbo.DeviceConfigSnapshot': snapshots, 'dbo.DeviceUsage': usage }, PARAMS);
    const expected = usage
      .filter((u) => u.RecordedAt >= '2026-03-02' && u.RecordedAt < '2026-03-04')
      .map((u) => {
        const before = snapshots.filter((s) => s.DeviceId === u.DeviceId && s.CollectedAt <= u.RecordedAt);
        const latest = before.reduce<(typeof snapshots)[number] | undefined>((best, s) =>
          !best || s.CollectedAt > best.CollectedAt || (s.CollectedAt === best.CollectedAt && s.BatchId > best.BatchId) ? s : best, undefined);
        return `${u.DeviceId} ${u.RecordedAt} ${latest?.BatchId ?? null}`;
      }).sort();
    const actual = rows.map((r) => `${r.DeviceId} ${String(r.RecordedAt).slice(0, 19).replace('T', ' ')} ${r.BatchId}`).sort();
    expect(actual).toEqual(expected);
    expect(rows.filter((r) => r.BatchId === null).every((r) => r.ConfigKey === 'UNKNOWN')).toBe(true);
  });
});
