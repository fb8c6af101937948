import { parseColumnType, type ColumnType } from '../../../src/engine';
import { pickEntities, promoteForCase } from '../../../src/sections/slice-entities';
import type { TableData } from '../../../src/sections/spec-model';

// `record --from-data` skips an entity whose output cannot be recorded (ties SQL Server orders as
// its plan goes); the next entity showing the case it was picked for takes its place.

function table(name: string, header: string[], rows: unknown[][]): TableData {
  const columns = header.map((h) => {
    const [col, type] = h.split(':') as [string, string];
    return { kind: 'spec-column' as const, name: col, type: parseColumnType(type) as ColumnType, line: 1, column: 1 };
  });
  return { kind: 'table-data', name, columns, rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, r[i]]))), line: 1, source: { kind: 'inline' } };
}

// visitors 1 and 3 tie on EventTime; 2 has the most rows and no tie
const events = table('dbo.WebEvent', ['EventId:int', 'VisitorId:int', 'EventTime:timestamp', 'PageUrl:text'], [
  [1, 1, '2022-05-10 08:00:00', '/a'], [2, 1, '2022-05-10 08:00:00', '/b'],
  [3, 2, '2022-05-10 09:00:00', '/a'], [4, 2, '2022-05-10 09:01:00', '/b'], [5, 2, '2022-05-10 09:02:00', '/c'], [6, 2, '2022-05-10 09:03:00', '/d'],
  [7, 3, '2022-05-10 10:00:00', '/a'], [8, 3, '2022-05-10 10:00:00', '/b'], [9, 3, '2022-05-10 10:05:00', '/c'],
]);

describe('promoteForCase', () => {
  it('moves the next entity that shows the case to the front, the case first in its title and notes', () => {
    const [first, ...rest] = pickEntities([events], 'VisitorId', Number.MAX_SAFE_INTEGER);
    expect([first?.value, first?.cases[0]]).toEqual([1, 'ties']);
    // visitor 3 shows ties too, but comes after the largest (2) as a filler
    expect(rest.map((p) => p.value)).toEqual([2, 3]);
    promoteForCase(rest, 'ties');
    expect(rest.map((p) => p.value)).toEqual([3, 2]);
    expect(rest[0]?.cases[0]).toBe('ties');
    expect(rest[0]?.notes[0]).toBe('ties: rows of dbo.WebEvent with the same EventTime (2022-05-10 10:00:00)');
    expect(rest[0]?.notes).toHaveLength(rest[0]?.cases.length ?? -1);
  });

  it('leaves the candidates as they are when none shows the case', () => {
    const rest = pickEntities([events], 'VisitorId', Number.MAX_SAFE_INTEGER).slice(1);
    const before = rest.map((p) => p.value);
    promoteForCase(rest, 'duplicates');
    promoteForCase(rest, undefined);
    expect(rest.map((p) => p.value)).toEqual(before);
  });
});
