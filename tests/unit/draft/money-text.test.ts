import { draftAgainstEmulator, type ParityCase } from './emulator-parity';

// Netting report lines: a net balance (money) written as text by CAST, CONCAT and CONCAT_WS shows
// two decimals, rounded, in the draft as in the emulator; a residual that rounds to 0.00 from below
// (-0.0040) stops both, since whether SQL Server writes '-0.00' is not documented.
const DDL = `CREATE TABLE dbo.NetBalance (Entity varchar(10) NOT NULL, Net money NOT NULL);
CREATE TABLE dbo.ReportLine (Entity varchar(10) NOT NULL, Line varchar(60) NULL);`;
const reportCase = (line: string, csv: string): ParityCase => ({
  ddl: DDL,
  procedure: `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\nINSERT INTO dbo.ReportLine (Entity, Line)\nSELECT n.Entity, ${line}\nFROM dbo.NetBalance n;\nEND`,
  inputs: [{ name: 'dbo.NetBalance', columns: ['Entity:text', 'Net:decimal(19,4)'], csv }],
  output: { name: 'dbo.ReportLine', columns: ['Entity:text', 'Line:text?'] },
});
const LINES: [string, string][] = [
  ['CAST', "n.Entity + ' ' + CAST(n.Net AS varchar(30))"],
  ['CONCAT', "CONCAT(n.Entity, ' ', n.Net)"],
  ['CONCAT_WS', "CONCAT_WS(' ', n.Entity, n.Net)"],
];

describe('money as text in drafts', () => {
  it.each(LINES)('%s: two decimals, rounded, as the emulator writes them', async (_what, line) => {
    const r = await draftAgainstEmulator(reportCase(line, 'Entity,Net\nUK01,1234.5678\nDE01,-0.0050\nCH01,0.0000\n'));
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['CH01|CH01 0.00', 'DE01|DE01 -0.01', 'UK01|UK01 1234.57']);
  });

  it.each(LINES)('%s: a negative residual that rounds to 0.00 stops the draft at the call, as the emulator refuses it', async (_what, line) => {
    const r = await draftAgainstEmulator(reportCase(line, 'Entity,Net\nUK01,-0.0040\n'), { keepRefusal: true });
    expect(r.emulatorRefusal).toContain('a negative money value that rounds to 0.00');
    expect(r.draftError).toMatch(/proc\.sql:4:\d+: (CAST|CONCAT|CONCAT_WS): a negative money value that rounds to 0\.00/);
  });
});

// A month-end pack writes amounts with CONVERT(varchar(30), @m, 1): thousands commas, two
// decimals rounded (the CAST and CONVERT page's money styles), in the draft as in the emulator.
describe('money as text in CONVERT style 1', () => {
  it('writes commas every three digits, rounded to two decimals, negatives with their sign', async () => {
    const r = await draftAgainstEmulator(reportCase('CONVERT(varchar(30), n.Net, 1)', 'Entity,Net\nUK01,1234567.8950\nDE01,-1000.0049\nCH01,999.9950\nFR01,0.0000\n'));
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['CH01|1,000.00', 'DE01|-1,000.00', 'FR01|0.00', 'UK01|1,234,567.90']);
  });

  it('is refused into a varchar that may be too short for the commas', async () => {
    await expect(draftAgainstEmulator(reportCase('CONVERT(varchar(20), n.Net, 1)', 'Entity,Net\nUK01,1.0000\n'))).rejects.toThrow(/varchar\(20\) may be too short for money/);
  });
});
