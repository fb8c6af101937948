import { createRandom, formatDate, formatDateTime, parseDate, roundTo, type Random } from './prng';
import type { DataRow, TableRows } from './table-rows';

/** Options of {@link generateTelemetryData}. `startDate` defaults to 2026-03-02. */
export interface TelemetryOptions {
  readonly devices: number;
  readonly days: number;
  readonly seed: number;
  readonly startDate?: string;
}

/** Column order of each telemetry input table, as in procedures/tables/telemetry-tables.sql. */
export const TELEMETRY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'dbo.Device': ['DeviceId', 'DeviceName', 'Model', 'IsActive', 'CreatedAt'],
  'dbo.DeviceUsage': ['UsageId', 'DeviceId', 'RecordedAt', 'CpuPct', 'MemoryMb', 'BatteryDrainMw', 'NetworkKb', 'WorkloadType'],
  'dbo.DeviceAppInventory': ['DeviceId', 'BatchId', 'CollectedAt', 'AppName', 'AppVersion'],
  'dbo.DeviceConfigSnapshot': ['DeviceId', 'BatchId', 'CollectedAt', 'SettingName', 'SettingValue'],
};

const DAY = 86_400_000;
const MINUTE = 60_000;
const MODELS = ['Laptop13', 'Laptop15', 'Tablet10', 'Desktop'] as const;
const WORKLOADS = ['Office', 'Office', 'Office', 'Video', 'Video', 'Gaming', 'Idle'] as const;
const POWER_MODES = ['Balanced', 'PowerSaver', 'Performance'] as const;
const BRIGHTNESS = ['50', '70', '100'] as const;
const TIMEOUTS = ['5', '10', '15'] as const;
const WALLPAPERS = ['Aurora', 'Beach', 'Forest', 'Dunes'] as const;
const APPS: readonly (readonly [string, readonly string[]])[] = [
  ['Outlook', ['16.0.1', '16.0.2']],
  ['Teams', ['1.6.0', '1.7.1']],
  ['Chrome', ['118.0', '119.0', '120.0']],
  ['VLC', ['3.0.18', '3.0.20']],
  ['Steam', ['2.10']],
  ['Slack', ['4.35', '4.36']],
  ['Zoom', ['5.16']],
  ['Notepad++', ['8.5.8']],
  ['7-Zip', ['23.01']],
  ['Spotify', ['1.2.25']],
];
const CPU_BASE: Readonly<Record<string, number>> = { Office: 25, Video: 40, Gaming: 72, Idle: 5, Benchmark: 88 };
const DRAIN_WORKLOAD: Readonly<Record<string, number>> = { Office: 1000, Video: 3000, Gaming: 6000, Idle: 0, Benchmark: 7000 };
const DRAIN_MODE: Readonly<Record<string, number>> = { Balanced: 9000, PowerSaver: 6500, Performance: 12500 };

interface Settings {
  readonly PowerMode: string;
  readonly Brightness: string;
  readonly ScreenTimeoutMin: string | null;
  readonly Wallpaper: string;
}

interface Scan {
  readonly batchId: number;
  readonly at: number;
  readonly settings: Settings;
}

interface DeviceProfile {
  readonly id: number;
  readonly model: string;
  readonly active: boolean;
  readonly hasUsage: boolean;
  readonly scanned: boolean;
}

/**
 * Generates the input tables of dbo.usp_BuildDeviceKpis (dbo.Device, dbo.DeviceUsage,
 * dbo.DeviceAppInventory, dbo.DeviceConfigSnapshot) for `devices` devices over `days` days,
 * deterministically from `seed`. The edge cases the migration must preserve are always
 * present once there are enough devices: devices 1 and 2 are twins whose configurations
 * differ only in Wallpaper and whose samples are identical (a tie for the best configuration
 * of the 'Benchmark' workload, broken by config key); device 3 is never scanned (all its
 * samples are 'UNKNOWN'); device 4 has two snapshot batches with the same CollectedAt; the
 * second-to-last device is inactive and the last has no usage; every other device changes
 * settings mid-period, has samples before its first scan, and NULL metrics appear at a few
 * percent (battery drain is always NULL on 'Desktop' models).
 */
export function generateTelemetryData(options: TelemetryOptions): TableRows {
  const { devices, days, seed } = options;
  if (!Number.isInteger(devices) || devices < 1) throw new RangeError(`devices must be a positive integer, found ${devices}`);
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, found ${days}`);
  const start = parseDate(options.startDate ?? '2026-03-02');
  const rnd = createRandom(seed);

  const profiles = buildProfiles(devices, rnd);
  const deviceRows: DataRow[] = profiles.map((p) => ({
    DeviceId: p.id,
    DeviceName: `DEV-${String(p.id).padStart(4, '0')}`,
    Model: p.model,
    IsActive: p.active ? 1 : 0,
    CreatedAt: formatDateTime(start - 30 * DAY + p.id * 37 * MINUTE),
  }));

  const usage: DataRow[] = [];
  const inventory: DataRow[] = [];
  const snapshots: DataRow[] = [];
  let twinScans: readonly Scan[] = [];
  let twinSamples: readonly DataRow[] = [];

  for (const p of profiles) {
    const isTwin = p.id <= 2 && devices >= 3;
    let scans: readonly Scan[];
    if (!p.scanned) scans = [];
    else if (isTwin && p.id === 2) scans = twinScans.map((s) => ({ ...s, settings: { ...s.settings, Wallpaper: 'Beach' } }));
    else scans = buildScans(p, start, days, rnd, isTwin);
    if (isTwin && p.id === 1) twinScans = scans;
    for (const scan of scans) {
      for (const [name, value] of Object.entries(scan.settings)) {
        snapshots.push({ DeviceId: p.id, BatchId: scan.batchId, CollectedAt: formatDateTime(scan.at), SettingName: name, SettingValue: value });
      }
    }

    inventory.push(...buildInventory(p.id, start, days, rnd));

    if (!p.hasUsage) continue;
    let samples: readonly DataRow[];
    if (isTwin && p.id === 2) samples = twinSamples.map((row) => ({ ...row, DeviceId: 2 }));
    else samples = buildSamples(p, scans, start, days, rnd, isTwin);
    if (isTwin && p.id === 1) twinSamples = samples;
    usage.push(...samples);
  }

  // UsageId is an IDENTITY: number the samples in insertion order.
  const numbered = usage.map((row, i) => ({ UsageId: i + 1, ...row }));
  return {
    'dbo.Device': deviceRows,
    'dbo.DeviceUsage': numbered.map((r) => pickColumns(r, TELEMETRY_COLUMNS['dbo.DeviceUsage'] ?? [])),
    'dbo.DeviceAppInventory': inventory,
    'dbo.DeviceConfigSnapshot': snapshots,
  };
}

function pickColumns(row: DataRow, columns: readonly string[]): DataRow {
  const out: Record<string, DataRow[string]> = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

function buildProfiles(devices: number, rnd: Random): DeviceProfile[] {
  const out: DeviceProfile[] = [];
  for (let id = 1; id <= devices; id++) {
    const twin = id <= 2 && devices >= 3;
    out.push({
      id,
      model: twin ? 'Laptop13' : id % 5 === 0 ? 'Desktop' : rnd.pick(MODELS.slice(0, 3)),
      active: !(devices >= 5 && id === devices - 1),
      hasUsage: !(devices >= 3 && id === devices),
      scanned: !(devices >= 4 && id === 3),
    });
  }
  return out;
}

function randomSettings(rnd: Random): Settings {
  return {
    PowerMode: rnd.pick(POWER_MODES),
    Brightness: rnd.pick(BRIGHTNESS),
    ScreenTimeoutMin: rnd.chance(0.15) ? null : rnd.pick(TIMEOUTS),
    Wallpaper: rnd.pick(WALLPAPERS),
  };
}

function changeOneSetting(settings: Settings, rnd: Random): Settings {
  switch (rnd.int(0, 2)) {
    case 0: return { ...settings, PowerMode: rnd.pick(POWER_MODES.filter((m) => m !== settings.PowerMode)) };
    case 1: return { ...settings, Brightness: rnd.pick(BRIGHTNESS.filter((b) => b !== settings.Brightness)) };
    default: return { ...settings, ScreenTimeoutMin: settings.ScreenTimeoutMin === null ? '10' : null };
  }
}

// Scans happen every one or two days around 06:00; twins are scanned at exactly midnight of
// day 0 (a sample at 00:00:00 sits on the `CollectedAt <= RecordedAt` boundary) and never change.
function buildScans(p: DeviceProfile, start: number, days: number, rnd: Random, twin: boolean): Scan[] {
  const scans: Scan[] = [];
  let settings: Settings = twin ? { PowerMode: 'Balanced', Brightness: '70', ScreenTimeoutMin: '10', Wallpaper: 'Aurora' } : randomSettings(rnd);
  let day = 0;
  let batchId = 1;
  while (day < days) {
    const at = twin ? start + day * DAY : start + day * DAY + 6 * 60 * MINUTE + rnd.int(0, 90) * MINUTE;
    scans.push({ batchId, at, settings });
    batchId++;
    if (p.id === 4 && day === 0) {
      // a second batch written in the same second: the as-of join must take the higher BatchId
      settings = changeOneSetting(settings, rnd);
      scans.push({ batchId, at, settings });
      batchId++;
    }
    if (!twin && rnd.chance(0.5)) settings = changeOneSetting(settings, rnd);
    day += twin ? 2 : rnd.int(1, 2);
  }
  return scans;
}

function buildInventory(deviceId: number, start: number, days: number, rnd: Random): DataRow[] {
  const rows: DataRow[] = [];
  const installed = new Map<string, string>();
  for (const [name, versions] of APPS) if (rnd.chance(0.55)) installed.set(name, versions[0] ?? '1.0');
  let batchId = 1;
  for (let day = 0; day < days; day += 3) {
    const at = formatDateTime(start + day * DAY + 3 * 60 * MINUTE + rnd.int(0, 59) * MINUTE);
    if (day > 0) {
      const [name, versions] = rnd.pick(APPS);
      if (installed.has(name) && rnd.chance(0.4)) installed.delete(name);
      else installed.set(name, rnd.pick(versions));
    }
    for (const [name, version] of [...installed.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      rows.push({ DeviceId: deviceId, BatchId: batchId, CollectedAt: at, AppName: name, AppVersion: version });
    }
    batchId++;
  }
  return rows;
}

function activeSettings(scans: readonly Scan[], at: number): Settings | null {
  let best: Scan | null = null;
  for (const s of scans) if (s.at <= at && (best === null || s.at > best.at || (s.at === best.at && s.batchId > best.batchId))) best = s;
  return best?.settings ?? null;
}

function buildSamples(p: DeviceProfile, scans: readonly Scan[], start: number, days: number, rnd: Random, twin: boolean): DataRow[] {
  const rows: DataRow[] = [];
  for (let day = 0; day < days; day++) {
    const minutes = new Set<number>();
    if (day === 0) minutes.add(0); // a sample at exactly midnight, before any non-twin scan
    const count = rnd.int(5, 9);
    while (minutes.size < count) minutes.add(rnd.int(0, 24 * 4 - 1) * 15);
    if (twin) {
      minutes.add(12 * 60);
      minutes.add(12 * 60 + 15);
    }
    for (const minute of [...minutes].sort((a, b) => a - b)) {
      const at = start + day * DAY + minute * MINUTE;
      const benchmark = twin && (minute === 12 * 60 || minute === 12 * 60 + 15);
      const workload: string | null = benchmark ? 'Benchmark' : rnd.chance(0.03) ? null : rnd.pick(WORKLOADS);
      const settings = activeSettings(scans, at);
      rows.push(buildSample(p, at, workload, settings, rnd));
    }
  }
  return rows;
}

function buildSample(p: DeviceProfile, at: number, workload: string | null, settings: Settings | null, rnd: Random): DataRow {
  const mode = settings?.PowerMode ?? 'Balanced';
  const brightness = Number(settings?.Brightness ?? '70');
  const w = workload ?? 'Office';
  let cpu: number | null = roundTo(Math.min(100, Math.max(0, (CPU_BASE[w] ?? 20) + (mode === 'Performance' ? 8 : mode === 'PowerSaver' ? -5 : 0) + (rnd.next() - 0.5) * 30)), 2);
  if (rnd.chance(0.05)) cpu = 80; // exactly on the HighCpu threshold (>= 80)
  if (rnd.chance(0.04)) cpu = null;
  const drain = p.model === 'Desktop' || rnd.chance(0.03)
    ? null
    : roundTo((DRAIN_MODE[mode] ?? 9000) + brightness * 40 + (DRAIN_WORKLOAD[w] ?? 0) + (rnd.next() - 0.5) * 3000, 1);
  const memory = rnd.chance(0.02) ? null : rnd.int(20, 120) * 100;
  const network = rnd.chance(0.03) ? null : rnd.int(0, w === 'Video' ? 90_000 : 20_000);
  return {
    DeviceId: p.id,
    RecordedAt: formatDateTime(at),
    CpuPct: cpu,
    MemoryMb: memory,
    BatteryDrainMw: drain,
    NetworkKb: network,
    WorkloadType: workload,
  };
}

/** The closed date range `[from, to]` a generated data set covers, to pass as @FromDate/@ToDate. */
export function telemetryDateRange(options: TelemetryOptions): { readonly from: string; readonly to: string } {
  const start = parseDate(options.startDate ?? '2026-03-02');
  return { from: formatDate(start), to: formatDate(start + (options.days - 1) * DAY) };
}
