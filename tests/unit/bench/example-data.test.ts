import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRandom,
  EXAMPLE_DATA_OPTIONS,
  formatCsv,
  generateExampleData,
  generateTelemetryData,
  generateWordBagData,
  telemetryDateRange,
  writeExampleData,
  type DataRow,
} from '../../../bench/gen/example-data';

const telemetry = generateTelemetryData({ devices: 8, days: 6, seed: 7 });
const usage = telemetry['dbo.DeviceUsage'] ?? [];
const snapshots = telemetry['dbo.DeviceConfigSnapshot'] ?? [];
const devices = telemetry['dbo.Device'] ?? [];

const rowsOf = (rows: readonly DataRow[], deviceId: number): DataRow[] => rows.filter((r) => r.DeviceId === deviceId);
const configKeys = (deviceId: number): Set<string> => {
  const byBatch = new Map<number, string[]>();
  for (const r of rowsOf(snapshots, deviceId)) {
    const list = byBatch.get(Number(r.BatchId)) ?? [];
    list.push(`${String(r.SettingName)}=${String(r.SettingValue ?? '?')}`);
    byBatch.set(Number(r.BatchId), list);
  }
  return new Set([...byBatch.values()].map((l) => l.sort().join(';')));
};

describe('createRandom', () => {
  it.each([[1], [42], [20261122]])('repeats the same sequence for seed %i', (seed) => {
    const a = createRandom(seed);
    const b = createRandom(seed);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('generateTelemetryData', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateTelemetryData({ devices: 8, days: 6, seed: 7 })).toEqual(telemetry);
    expect(generateTelemetryData({ devices: 8, days: 6, seed: 8 })['dbo.DeviceUsage']).not.toEqual(usage);
  });

  it.each([
    ['the last device has no usage', () => rowsOf(usage, 8).length === 0 && rowsOf(usage, 6).length > 0],
    ['the second-to-last device is inactive', () => devices.find((d) => d.DeviceId === 7)?.IsActive === 0],
    ['device 3 is never scanned but has usage', () => rowsOf(snapshots, 3).length === 0 && rowsOf(usage, 3).length > 0],
    ['a Desktop reports NULL battery drain', () => rowsOf(usage, 5).every((r) => r.BatteryDrainMw === null)],
    ['NULL CPU, memory, network and workload occur', () =>
      ['CpuPct', 'MemoryMb', 'NetworkKb', 'WorkloadType'].every((c) => usage.some((r) => r[c] === null))],
    ['CPU exactly on the 80 threshold occurs', () => usage.some((r) => r.CpuPct === 80)],
    ['a NULL setting value occurs', () => snapshots.some((r) => r.SettingValue === null)],
    ['device 4 has two batches in the same second', () => {
      const first = rowsOf(snapshots, 4).filter((r) => r.BatchId === 1)[0]?.CollectedAt;
      return rowsOf(snapshots, 4).some((r) => r.BatchId === 2 && r.CollectedAt === first);
    }],
    ['settings change mid-period on device 4', () => configKeys(4).size > 1],
    ['samples precede the first scan', () => usage.some((r) => r.DeviceId === 6 && r.RecordedAt === '2026-03-02 00:00:00')],
  ])('%s', (_name, holds) => {
    expect(holds()).toBe(true);
  });

  it('makes twins 1 and 2 identical except for DeviceId and Wallpaper (a tie on Benchmark)', () => {
    const strip = (r: DataRow): DataRow => ({ ...r, UsageId: 0, DeviceId: 0 });
    expect(rowsOf(usage, 2).map(strip)).toEqual(rowsOf(usage, 1).map(strip));
    expect(rowsOf(usage, 1).filter((r) => r.WorkloadType === 'Benchmark').length).toBeGreaterThanOrEqual(10);
    expect(usage.filter((r) => r.WorkloadType === 'Benchmark' && Number(r.DeviceId) > 2)).toEqual([]);
    const wallpapers = (id: number): Set<unknown> => new Set(rowsOf(snapshots, id).filter((r) => r.SettingName === 'Wallpaper').map((r) => r.SettingValue));
    expect([...wallpapers(1)]).toEqual(['Aurora']);
    expect([...wallpapers(2)]).toEqual(['Beach']);
  });

  it('numbers UsageId 1..n and keeps samples inside the range', () => {
    expect(usage.map((r) => r.UsageId)).toEqual(usage.map((_r, i) => i + 1));
    const { from, to } = telemetryDateRange({ devices: 8, days: 6, seed: 7 });
    expect(usage.every((r) => String(r.RecordedAt) >= from && String(r.RecordedAt).slice(0, 10) <= to)).toBe(true);
  });

  it.each([[{ devices: 0, days: 3, seed: 1 }], [{ devices: 3, days: 1.5, seed: 1 }]])('rejects %j', (opts) => {
    expect(() => generateTelemetryData(opts)).toThrow(RangeError);
  });
});

describe('generateWordBagData', () => {
  const data = generateWordBagData({ entities: 8, wordsPerEntity: 5, seed: 3 });
  const entities = data['dbo.Entity'] ?? [];
  const words = data['dbo.EntityWord'] ?? [];
  const wordsOf = (id: number): unknown[] => words.filter((w) => w.EntityId === id).map((w) => w.Word);

  it('is deterministic for a seed', () => {
    expect(generateWordBagData({ entities: 8, wordsPerEntity: 5, seed: 3 })).toEqual(data);
  });

  it.each([
    ['entity 1 has upper-case E', () => entities[0]?.Letter === 'E'],
    ['entity 2 has no words', () => wordsOf(2).length === 0],
    ['entity 3 has a NULL letter', () => entities[2]?.Letter === null],
    ['entity 4 has a blank letter and a word with trailing blanks', () => entities[3]?.Letter === ' ' && wordsOf(4).includes('trailing  ')],
    ['entity 5 has accented words', () => wordsOf(5).includes('café')],
    ['entity 6 has a NULL word', () => wordsOf(6).includes(null)],
    ['bags contain duplicates', () => new Set(wordsOf(7)).size < wordsOf(7).length],
  ])('%s', (_name, holds) => {
    expect(holds()).toBe(true);
  });
});

describe('formatCsv', () => {
  it.each([
    [[{ a: 1, b: 'x' }], 'a,b\n1,x\n'],
    [[{ a: null, b: 'x,y' }], 'a,b\n,"x,y"\n'],
    [[{ a: 2, b: 'say "hi"' }], 'a,b\n2,"say ""hi"""\n'],
    [[{ a: 3, b: 'pad  ' }], 'a,b\n3,"pad  "\n'],
  ])('renders %j', (rows, csv) => {
    expect(formatCsv(['a', 'b'], rows)).toBe(csv);
  });
});

// Column names of each CREATE TABLE in the legacy table scripts, in order.
function readTableColumns(sqlFile: string): Map<string, string[]> {
  const text = readFileSync(sqlFile, 'utf8');
  const tables = new Map<string, string[]>();
  for (const m of text.matchAll(/CREATE TABLE (\w+)\.(\w+)\s*\(([\s\S]*?)\n\)/g)) {
    const columns: string[] = [];
    for (const line of (m[3] ?? '').split('\n')) {
      const col = /^\s+(\w+)\s+(int|bigint|bit|date|datetime|datetime2|decimal|float|varchar|nvarchar|char|sysname)\b/i.exec(line);
      if (col?.[1] && !/^CONSTRAINT$/i.test(col[1])) columns.push(col[1]);
    }
    tables.set(`${m[1]}.${m[2]}`, columns);
  }
  return tables;
}

describe('generated columns', () => {
  const scripts = ['telemetry-tables.sql', 'wordbag-tables.sql'].map((f) => join(__dirname, '../../../procedures/tables', f));
  const declared = new Map(scripts.flatMap((f) => [...readTableColumns(f).entries()]));
  const generated = generateExampleData(EXAMPLE_DATA_OPTIONS);

  it.each(Object.keys(generated))('%s has the columns of its CREATE TABLE, in order', (table) => {
    expect(Object.keys(generated[table]?.[0] ?? {})).toEqual(declared.get(table));
  });
});

describe('acceptance/example/data', () => {
  it('is exactly what the generator writes with EXAMPLE_DATA_OPTIONS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'example-data-'));
    try {
      writeExampleData(dir, generateExampleData(EXAMPLE_DATA_OPTIONS));
      const committed = join(__dirname, '../../../acceptance/example/data');
      const names = readdirSync(dir).sort();
      expect(readdirSync(committed).filter((f) => f.endsWith('.csv')).sort()).toEqual(names);
      for (const name of names) {
        expect(readFileSync(join(committed, name), 'utf8')).toBe(readFileSync(join(dir, name), 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
