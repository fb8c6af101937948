import { defineTransform, table, type RowOf } from '../../../src/engine';

// Row types follow from the declarations; `npm run typecheck` fails if they stop doing so
// (each @ts-expect-error below must stay an error).
const usage = table({ DeviceId: 'int', RecordedAt: 'timestamp', CpuPct: 'double?', Samples: 'bigint', Amount: 'decimal(10,2)?', Active: 'bool' });
type UsageRow = RowOf<typeof usage>;

const ok: UsageRow = { DeviceId: 1, RecordedAt: '2024-01-01 00:00:00', CpuPct: null, Samples: 1n, Amount: 1.5, Active: true };
// @ts-expect-error CpuPct is number | null, not text
const wrongType: UsageRow = { ...ok, CpuPct: 'high' };
// @ts-expect-error DeviceId is not nullable
const nullKey: UsageRow = { ...ok, DeviceId: null };
// @ts-expect-error Samples is a bigint
const numberForBigint: UsageRow = { ...ok, Samples: 1 };

const t = defineTransform({
  name: 'types', inputs: { usage }, outputName: 'o', output: table({ DeviceId: 'int', Hour: 'text' }),
  // the rows body sees typed inputs and must return typed output rows
  rows: ({ usage: u }) => u.map((r) => ({ DeviceId: r.DeviceId, Hour: r.RecordedAt.slice(11, 13) })),
});
defineTransform({
  name: 'types-bad', inputs: { usage }, outputName: 'o', output: table({ DeviceId: 'int' }),
  // @ts-expect-error the output declares DeviceId as int, not text
  rows: ({ usage: u }) => u.map((r) => ({ DeviceId: String(r.DeviceId) })),
});

describe('typed declarations', () => {
  it.each([
    ['DeviceId', 'int', false], ['CpuPct', 'double', true], ['Samples', 'bigint', false], ['Amount', 'decimal', true], ['Active', 'bool', false],
  ])('%s is parsed as %s (nullable %p)', (name, base, nullable) => {
    expect(usage.columns.find((c) => c.name === name)?.type).toMatchObject({ base, nullable });
  });

  it('keeps the declared output on the transform', () => {
    expect(t.output.columns.map((c) => c.name)).toEqual(['DeviceId', 'Hour']);
    expect([wrongType, nullKey, numberForBigint].length).toBe(3);
  });
});
