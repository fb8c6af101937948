import { draftAgainstEmulator } from './emulator-parity';

// A web shop's purchase feed arrives as text in a staging table; the monthly points accrual
// reads the amounts with `TRY_CONVERT(DECIMAL(12, 2), sp.AmountText)` and drops the rows that
// do not convert. SQL Server reads a sign, digits and a decimal point with blanks around,
// rounds to the scale, and fails (NULL under TRY_) on an exponent, a thousands separator, empty
// text or overflow (learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql,
// learn.microsoft.com/sql/t-sql/functions/try-convert-transact-sql). The draft refused the
// conversion ("TRY_ conversions other than text to an integer … are not translated").
const DDL = `CREATE TABLE dbo.StagingPurchase ([Row Id] INT NOT NULL, [Amount Text] VARCHAR(30) NULL);
CREATE TABLE dbo.Purchase ([Row Id] INT NOT NULL, Amount DECIMAL(12, 2) NULL);`;
const TEXTS = ['1.235', ' -1.5 ', '', 'n/a', '1e2', '1,000.00', '12345678901.5', '.5', '7.', '+0.004', null];
const STAGING = {
  name: 'dbo.StagingPurchase', columns: ['Row Id:int', 'Amount Text:text?'],
  rows: TEXTS.map((t, i) => [i + 1, t]),
  csv: `Row Id,Amount Text\n${TEXTS.map((t, i) => `${i + 1},${t === null ? '' : t === '' ? '""' : t.includes(',') ? `"${t}"` : t}`).join('\n')}\n`,
};
const OUT = { name: 'dbo.Purchase', columns: ['Row Id:int', 'Amount:decimal(12,2)?'] };
const proc = (expr: string, where = ''): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Purchase ([Row Id], Amount) SELECT sp.[Row Id], ${expr} FROM dbo.StagingPurchase AS sp${where};
END`;

describe('text converted to decimal in drafts', () => {
  it('TRY_CONVERT reads the plain forms, rounds to the scale and gives NULL for the rest, as the emulator', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('TRY_CONVERT(DECIMAL(12, 2), sp.[Amount Text])'), inputs: [STAGING], output: OUT });
    expect(r.emulator).toEqual(['10|0.00', '11|NULL', '1|1.24', '2|-1.50', '3|NULL', '4|NULL', '5|NULL', '6|NULL', '7|NULL', '8|0.50', '9|7.00']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('TRY_CAST alike', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('TRY_CAST(sp.[Amount Text] AS DECIMAL(12, 2))'), inputs: [STAGING], output: OUT });
    expect(r.draft).toEqual(r.emulator);
  });

  it('CAST of the plain forms converts; of other text stops the query, as SQL Server fails the statement', async () => {
    const ok = await draftAgainstEmulator({ ddl: DDL, procedure: proc('CAST(sp.[Amount Text] AS DECIMAL(12, 2))', ' WHERE sp.[Row Id] IN (1, 2, 8, 9, 10)'), inputs: [STAGING], output: OUT });
    expect(ok.draft).toEqual(['10|0.00', '1|1.24', '2|-1.50', '8|0.50', '9|7.00']);
    expect(ok.draft).toEqual(ok.emulator);
    const bad = await draftAgainstEmulator({ ddl: DDL, procedure: proc('CAST(sp.[Amount Text] AS DECIMAL(12, 2))', ' WHERE sp.[Row Id] = 5'), inputs: [STAGING], output: OUT });
    expect(bad.emulatorError).toMatch(/8114/);
    expect(bad.draftError).toMatch(/Error converting data type varchar to numeric/);
  });
});
