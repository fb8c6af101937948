import { EngineSession } from '../../../../src/engine';
import { EmulatorState, type TableInfo } from '../../../../src/legacy/emulator/state';
import { noteAnyWrite, noteSqlWrite, versionOf } from '../../../../src/legacy/emulator/tables/table-versions';

function stateWith(...sqlNames: string[]): EmulatorState {
  const state = new EmulatorState(undefined as unknown as EngineSession, new Map(), '2000-01-01 00:00:00', false);
  for (const n of sqlNames) state.tables.set(n, { sqlName: n, columns: [], key: [], identity: undefined } satisfies TableInfo);
  return state;
}

// Which statements change which table's version: a doubt always counts as a change of every table.
describe('table versions', () => {
  it.each([
    ['SELECT * FROM "dbo"."A"', false, false],
    ['INSERT INTO "dbo"."A" ("x") VALUES (1)', true, false],
    ['INSERT INTO "dbo"."A"("x") SELECT 1', true, false],
    ['DELETE FROM "dbo"."A" AS "A" WHERE 1 = 1', true, false],
    ['UPDATE "dbo"."A" AS __t SET x = 1', true, false],
    ['MERGE INTO "dbo"."A" USING "dbo"."B" ON true WHEN MATCHED THEN DELETE', true, false],
    ['INSERT INTO "dbo"."B" SELECT * FROM "dbo"."A"', false, true],
    ['INSERT INTO "dbo"."Unknown" VALUES (1)', true, true],
    ['WITH x AS (SELECT 1) DELETE FROM "dbo"."B"', true, true],
    ['DROP TABLE "dbo"."B"', true, true],
    ['CREATE TEMP TABLE "__u" AS SELECT * FROM "dbo"."A"', true, true],
  ])('%s changes A: %s, B: %s', (sql, changesA, changesB) => {
    const state = stateWith('"dbo"."A"', '"dbo"."B"');
    const a = versionOf(state, '"dbo"."A"');
    const b = versionOf(state, '"dbo"."B"');
    noteSqlWrite(state, sql);
    expect(versionOf(state, '"dbo"."A"') !== a).toBe(changesA);
    expect(versionOf(state, '"dbo"."B"') !== b).toBe(changesB);
  });

  it('a ROLLBACK or dropped table changes every version', () => {
    const state = stateWith('"dbo"."A"');
    const a = versionOf(state, '"dbo"."A"');
    noteAnyWrite(state);
    expect(versionOf(state, '"dbo"."A"')).not.toBe(a);
  });
});
