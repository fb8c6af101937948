import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// A CDR rating lookup: the tariff of the longest dialled prefix, `Number LIKE t.Prefix + '%'`
// with TOP 1 … ORDER BY LEN(Prefix) DESC. Drafts refused every LIKE whose pattern is computed
// per row; it is now ILIKE (same % and _, case-insensitive like the collation), and what ILIKE
// would match otherwise ([ classes, a varchar value's trailing blanks) stops the query.
const DDL = `CREATE TABLE dbo.Tariff (Prefix varchar(10) NOT NULL, Zone varchar(12) NOT NULL);
CREATE TABLE dbo.Call (CallId bigint NOT NULL, Num varchar(20) NULL);
CREATE TABLE dbo.Out (CallId bigint NOT NULL, Zone varchar(12) NULL, Other int NULL);`;
const TARIFF_ROWS: [string, string][] = [['44', 'UK'], ['447', 'UK-MOB'], ['1', 'NANP'], ['33_', 'EU'], ['a\\', 'ODD']];
const tariff = (rows: [string, string][]) => ({
  name: 'dbo.Tariff', columns: ['Prefix:text', 'Zone:text'], rows,
  csv: `Prefix,Zone\n${rows.map((r) => r.join(',')).join('\n')}\n`,
});
const calls = (rows: [number, string | null][]) => ({
  name: 'dbo.Call', columns: ['CallId:bigint', 'Num:text?'], rows,
  csv: `CallId,Num\n${rows.map(([id, n]) => `${id},${n === null ? '' : `"${n}"`}`).join('\n')}\n`,
});
const OUT = { name: 'dbo.Out', columns: ['CallId:bigint', 'Zone:text?', 'Other:int?'] };
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Out (CallId, Zone, Other)
  SELECT c.CallId,
         (SELECT TOP 1 t.Zone FROM dbo.Tariff t WHERE c.Num LIKE t.Prefix + '%' ORDER BY LEN(t.Prefix) DESC),
         (SELECT COUNT(*) FROM dbo.Tariff t WHERE c.Num NOT LIKE t.Prefix + '%')
    FROM dbo.Call c;
END`;

describe('LIKE with a pattern taken from the data, in drafts', () => {
  it('finds the longest matching prefix as the emulator does (_ a wildcard, \\ literal, NULL unknown)', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL, procedure: PROC, output: OUT,
      inputs: [tariff(TARIFF_ROWS), calls([[1, '447700900123'], [2, '442079460018'], [3, '12125550100'], [4, '33142685300'], [5, '61299990000'], [6, null], [7, 'A\\9']])],
    });
    expect(r.emulatorError).toBeUndefined();
    expect(r.emulator).toEqual(['1|UK-MOB|3', '2|UK|4', '3|NANP|4', '4|EU|4', '5|NULL|5', '6|NULL|0', '7|ODD|4']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('matches a value ending in blanks against a pattern ending in %, which takes them as SQL Server ignores them', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, output: OUT, inputs: [tariff([['44', 'UK'], ['447', 'UK-MOB']]), calls([[1, '44 '], [2, '4470  ']])] });
    expect(r.emulatorError).toBeUndefined();
    expect(r.emulator).toEqual(['1|UK|1', '2|UK-MOB|0']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  // The emulator refuses the same inputs (its own LIKE over data patterns has these limits).
  const exact = PROC.replace(/ \+ '%'/g, '');
  it.each([
    ['a pattern holding [ (a class in SQL Server)', PROC, tariff([['4[4]', 'UK']]), calls([[1, '447700900123']]), /proc\.sql:5:55: LIKE with a pattern from the data holding \[/],
    ['a varchar value ending in blanks against a pattern not ending in % (SQL Server ignores them, ILIKE would not)', exact, tariff([['44', 'UK']]), calls([[1, '44 ']]), /proc\.sql:5:55: LIKE with a pattern from the data over char\/varchar text ending in blanks/],
  ])('stops on %s, located at the LIKE', async (_what, procedure, t, c, message) => {
    const body = draftOf(procedure, { ddl: DDL, inputs: [t, c], output: OUT });
    const session = await EngineSession.open({ threads: 1 });
    try {
      await expect(runDraft(session, body, [t, c])).rejects.toThrow(message);
    } finally {
      session.close();
    }
  });
});
