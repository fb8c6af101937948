import { EngineSession } from '../../../../src/engine';
import { emulateSection } from '../../../../src/legacy/emulator/section/emulate-section';
import { parseScript } from '../../../../src/tsql';

// A section's recorded cells are what a scenario's Given cells and the data files hold: SQL
// Server's text. A datetimeoffset column came out as DuckDB's TIMESTAMPTZ text ('2019-03-01
// 22:30:00+00'), so a column of a spec held two spellings of one value, and a transform passing
// the column through failed its scenario (or had to parse both).
const TABLES = `CREATE TABLE dbo.[Boarding Scan] ([Scan Id] int NOT NULL, [Scanned At] datetimeoffset(0) NOT NULL, [Gate At] datetimeoffset(3) NULL, Gate varchar(4) NULL);`;
const PROC = `CREATE PROCEDURE dbo.[usp_Close Gate]
AS
BEGIN
    UPDATE dbo.[Boarding Scan] SET Gate = 'B12' WHERE Gate IS NULL;
END
GO`;
const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'close-gate.sql' })];

describe('the text of a recorded datetimeoffset cell', () => {
  it('is SQL Server\'s, with the column\'s fraction digits and the +00:00 offset', async () => {
    const session = await EngineSession.open({ threads: 1 });
    try {
      const r = await emulateSection({
        session, scripts, procedure: 'dbo.[usp_Close Gate]', lines: [{ start: 4, end: 4 }], params: {}, outputs: ['dbo.[Boarding Scan]'],
        tables: [{
          name: 'dbo.[Boarding Scan]',
          columns: [{ name: 'Scan Id', type: 'int' }, { name: 'Scanned At', type: 'text' }, { name: 'Gate At', type: 'text?' }, { name: 'Gate', type: 'text?' }],
          rows: [['1', '2019-03-01 22:30:00 +00:00', '2019-03-01 22:45:10.250 +00:00', null], ['2', '2019-03-02 01:00:00 +00:00', null, 'A1']],
        }],
      });
      expect(r.outputs.get('dbo.[Boarding Scan]')?.rows).toEqual([
        ['1', '2019-03-01 22:30:00 +00:00', '2019-03-01 22:45:10.250 +00:00', 'B12'],
        ['2', '2019-03-02 01:00:00 +00:00', null, 'A1'],
      ]);
    } finally {
      session.close();
    }
  });
});
