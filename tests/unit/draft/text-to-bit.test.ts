import { draftAgainstEmulator } from './emulator-parity';

// A collector sends its online state as text ('true', 'FALSE', '1', '0', blank); the status job
// stores CAST([Is Online] AS bit). The draft refused every text-to-bit conversion; it now reads
// the text as the emulator does, and stops, located, where SQL Server fails (245) or its pages
// leave the result open.
const DDL = `CREATE TABLE dbo.[Collector Row] ([Reading Id] int NOT NULL, [Is Online] varchar(8) NULL);
CREATE TABLE dbo.[Online State] ([Reading Id] int NOT NULL, [Online Flag] bit NULL);`;
const rowsOf = (values: readonly (string | null)[]): { name: string; columns: string[]; rows: (string | number | null)[][]; csv: string } => ({
  name: 'dbo.Collector Row',
  columns: ['Reading Id:int', 'Is Online:text?'],
  rows: values.map((v, i) => [i + 1, v]),
  csv: `Reading Id,Is Online\n${values.map((v, i) => `${i + 1},${v === null ? '' : `"${v}"`}`).join('\n')}\n`,
});
const OUT = { name: 'dbo.Online State', columns: ['Reading Id:int', 'Online Flag:bool?'] };
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Online State] ([Reading Id], [Online Flag])
  SELECT c.[Reading Id], CAST(c.[Is Online] AS bit) FROM dbo.[Collector Row] c;
END`;

describe('text to bit in drafts', () => {
  it('read true/false in any case, integers and NULL as the emulator does', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [rowsOf(['true', 'FALSE', '1', '0', '-7', null])], output: OUT });
    expect(r.draftError).toBeUndefined();
    expect(r.draft?.map((x) => x.replace(/\|true$/, '|1').replace(/\|false$/, '|0'))).toEqual(r.emulator);
    expect(r.emulator).toEqual(['1|1', '2|0', '3|1', '4|0', '5|1', '6|NULL']);
  });

  it('fail on other text with 245, as SQL Server does', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [rowsOf(['true', 'yes'])], output: OUT });
    expect(r.emulatorError).toContain("converting the varchar value 'yes' to data type bit");
    expect(r.draftError).toContain("converting the varchar value 'yes' to data type bit");
  });

  it('stop, located, on text whose result is not documented', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [rowsOf(['1.5'])], output: OUT }, { keepRefusal: true });
    expect(r.draftError).toContain("proc.sql:4:26: CAST of text to bit: the text '1.5' to bit");
  });
});
