import { parseColumnType, type ColumnType } from '../../../src/engine';
import { pickEntities, sliceForEntity, WHOLE_TABLE_LIMIT } from '../../../src/sections/slice-entities';
import type { TableData } from '../../../src/sections/spec-model';

/** A typed table from `Name:type` columns and rows of values. */
function table(name: string, header: string[], rows: unknown[][]): TableData {
  const columns = header.map((h) => {
    const [col, type] = h.split(':') as [string, string];
    return { kind: 'spec-column' as const, name: col, type: parseColumnType(type) as ColumnType, line: 1, column: 1 };
  });
  return { kind: 'table-data', name, columns, rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, r[i]]))), line: 1, source: { kind: 'inline' } };
}

const device = table('dbo.Device', ['DeviceId:int', 'Name:text'], [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']]);
const usage = table('dbo.Usage', ['UsageId:int', 'DeviceId:int', 'At:timestamp', 'Cpu:decimal(5,2)?'], [
  [1, 1, '2024-01-01 00:00:00', 1], [2, 1, '2024-01-01 00:00:00', 2], // 1: a tie on At
  [3, 2, '2024-01-01 00:00:00', null], // 2: a NULL
  [4, 4, '2024-01-01 00:00:00', 5], [5, 4, '2024-01-01 00:00:00', 5], [6, 4, '2024-01-02 00:00:00', 6], // 4: duplicates (UsageId aside), the largest
]);
const batch = table('dbo.Batch', ['UsageId:int', 'Note:text'], [[1, 'x'], [4, 'y'], [6, 'z']]);

describe('pickEntities', () => {
  it('finds each case in the first entity that shows it, and says what it saw', () => {
    const picked = pickEntities([device, usage], 'DeviceId', 5);
    expect(picked.map((p) => [p.value, p.cases[0]])).toEqual([[3, 'no rows'], [2, 'NULLs'], [1, 'ties'], [4, 'duplicates']]);
    expect(picked[3]?.cases).toEqual(['duplicates', 'largest']);
    expect(picked[0]?.notes).toEqual(['no rows: no rows in dbo.Usage']);
    expect(picked[2]?.notes[0]).toBe('ties: rows of dbo.Usage with the same At (2024-01-01 00:00:00)');
  });

  it('says no entity has no rows when every table lists each entity once (a small extract)', () => {
    // one usage row per device: nothing tells the devices' own table from their rows
    const oneEach = table('dbo.Usage', ['UsageId:int', 'DeviceId:int', 'Cpu:decimal(5,2)?'], [[1, 1, 1], [2, 2, 2]]);
    const picked = pickEntities([table('dbo.Device', ['DeviceId:int', 'Name:text'], [[1, 'a'], [2, 'b']]), oneEach], 'DeviceId', 5);
    expect(picked.flatMap((p) => p.notes).filter((n) => n.startsWith('no rows'))).toEqual([]);
  });

  it('counts no output\'s start rows for "no rows": the section makes its rows there', () => {
    // a cursor over wards deletes and inserts each ward's [Ward Day]: NEURO has none yet, but its Then will
    const ward = table('ward.Ward', ['Ward Code:text', 'Beds:int'], [['CARD', 20], ['NEURO', 8]]);
    const wardDay = table('ward.[Ward Day]', ['Ward Code:text', 'Day:date', 'Beds:int'], [['CARD', '2026-10-01', 19], ['CARD', '2026-10-02', 19]]);
    expect(pickEntities([ward, wardDay], 'Ward Code', 5).flatMap((p) => p.notes).filter((n) => n.startsWith('no rows'))).toEqual(['no rows: no rows in ward.[Ward Day]']);
    expect(pickEntities([ward, wardDay], 'Ward Code', 5, new Set([wardDay])).flatMap((p) => p.notes).filter((n) => n.startsWith('no rows'))).toEqual([]);
    // beside an input with its rows, the entity with none there is still the one of no rows
    const visit = table('ward.Visit', ['Visit Id:int', 'Ward Code:text'], [[1, 'CARD'], [2, 'CARD']]);
    expect(pickEntities([ward, visit, wardDay], 'Ward Code', 5, new Set([wardDay]))[0]?.notes).toEqual(['no rows: no rows in ward.Visit']);
  });

  it('gives the rows without an entity a scenario of their own, sliced with what links to them', () => {
    // two readings no device was assigned to yet: legacy code groups them under NULL, skips or fails on them
    const unassigned = table('dbo.Usage', ['UsageId:int', 'DeviceId:int?', 'At:timestamp', 'Cpu:decimal(5,2)?'], [...usage.rows.map((r) => Object.values(r)), [7, null, '2024-01-03 00:00:00', 3], [8, null, '2024-01-03 00:00:00', 4]]);
    const picked = pickEntities([device, unassigned, batch], 'DeviceId', 9);
    const nulls = picked.find((p) => p.cases[0] === 'NULL entity');
    expect(nulls).toMatchObject({ value: null, rows: 2, cases: ['NULL entity', 'ties'] });
    expect(nulls?.notes[0]).toBe('NULL entity: rows whose DeviceId is NULL in dbo.Usage');
    // it is neither the largest nor a filler, and no entity's NULLs case is its doing
    expect(picked.filter((p) => p.value === null)).toHaveLength(1);
    expect(picked.find((p) => p.cases.includes('NULLs'))?.value).toBe(2);
    const slice = sliceForEntity([device, unassigned, batch], 'DeviceId', null);
    expect('tables' in slice && slice.tables.map((t) => [t.name, t.rows.length])).toEqual([['dbo.Device', 0], ['dbo.Usage', 2], ['dbo.Batch', 0]]);
  });

  it('picks no NULL entity where every row has one', () => {
    expect(pickEntities([device, usage], 'DeviceId', 9).some((p) => p.value === null)).toBe(false);
  });

  it.each([[1, 1], [2, 2], [9, 4]])('picks at most %i entities (%i here)', (count, expected) => {
    expect(pickEntities([device, usage], 'DeviceId', count)).toHaveLength(expected);
  });
});

describe('entity values as SQL Server compares them', () => {
  // text keys case-insensitively and without trailing blanks, as GROUP BY and joins do
  const sales = table('dbo.Sales', ['SaleId:int', 'Region:text', 'Amount:decimal(5,2)'], [[1, 'N', 10], [2, 'n ', 5], [3, 'S', 7], [4, 's', 1], [5, 'EAST', 2]]);
  const regions = table('dbo.Region', ['Region:text', 'Name:text'], [['N', 'North'], ['S', 'South'], ['East', 'East']]);
  it('one entity per SQL Server value, shown as first written', () => {
    expect(pickEntities([sales], 'Region', 9).map((p) => p.value).sort()).toEqual(['EAST', 'N', 'S']);
  });
  it.each([['n  ', 2, 1], ['s', 2, 1], ['east', 1, 1]] as const)('the slice of %j holds every spelling', (value, sold, listed) => {
    const slice = sliceForEntity([sales, regions], 'Region', value);
    if ('refused' in slice) throw new Error(slice.refused);
    expect(slice.tables.map((t) => t.rows.length)).toEqual([sold, listed]);
  });
});

describe('sliceForEntity', () => {
  it.each([
    ['by the entity column', 4, { 'dbo.Device': 1, 'dbo.Usage': 3, 'dbo.Batch': 2 }],
    ['an entity without rows keeps the headers', 3, { 'dbo.Device': 1, 'dbo.Usage': 0, 'dbo.Batch': 0 }],
  ] as const)('%s', (_what, value, counts) => {
    const slice = sliceForEntity([device, usage, batch], 'DeviceId', value);
    if ('refused' in slice) throw new Error(slice.refused);
    expect(Object.fromEntries(slice.tables.map((t) => [t.name, t.rows.length]))).toEqual(counts);
  });

  it('links a table only through tables cut to the entity, never through a lookup taken whole', () => {
    // both rate tables are lookups: the commission tiers' Rate says nothing about which tax bands apply
    const employee = table('dbo.Employee', ['EmployeeId:int', 'MonthlySalary:decimal(19,4)'], [[1, 5200], [2, 4100]]);
    const tiers = table('dbo.CommissionTier', ['TierNo:int', 'Threshold:decimal(19,4)', 'Rate:decimal(9,4)'], [[1, 0, 0.02], [2, 5000, 0.035]]);
    const bands = table('dbo.TaxBracket', ['BracketNo:int', 'LowerBound:decimal(19,4)', 'Rate:decimal(9,4)'], [[1, 0, 0], [2, 1000, 0.2], [3, 4000, 0.325]]);
    const slice = sliceForEntity([employee, tiers, bands], 'EmployeeId', 1);
    if ('refused' in slice) throw new Error(slice.refused);
    expect(slice.tables.map((t) => [t.name, t.rows.length])).toEqual([['dbo.Employee', 1], ['dbo.CommissionTier', 2], ['dbo.TaxBracket', 3]]);
  });

  it('takes a small unrelated table whole and refuses a large one', () => {
    const small = table('dbo.Lookup', ['Code:text'], [['a'], ['b']]);
    const slice = sliceForEntity([device, small], 'DeviceId', 1);
    expect('refused' in slice ? [] : slice.tables[1]?.rows).toHaveLength(2);
    const large = table('dbo.Big', ['Code:text'], Array.from({ length: WHOLE_TABLE_LIMIT + 1 }, (_, i) => [String(i)]));
    const refused = sliceForEntity([device, large], 'DeviceId', 1);
    expect('refused' in refused && refused.refused).toMatch(/dbo\.Big has no DeviceId column .* too large to take whole/);
  });
});
