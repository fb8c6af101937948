import { draftAgainstEmulator, type ParityCase } from './emulator-parity';
import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft } from './draft-harness';

// FORMAT in the en-US forms whose text .NET's documentation fixes ('N2', 'F1', 'D6', '000000',
// custom date formats), each draft run against the emulator's result for the same rows; other
// patterns are refused naming the pattern at the FORMAT's file:line:col.
const DDL = `CREATE TABLE dbo.Payment (PaymentId int NOT NULL, PaidOn date NULL, PaidAt datetime2(0) NULL, Amount decimal(12,3) NULL, Qty int NULL, Rate float NULL, Fee money NULL);
CREATE TABLE dbo.PaymentText (PaymentId int NOT NULL, A nvarchar(40) NULL, B nvarchar(40) NULL, C nvarchar(40) NULL, D nvarchar(60) NULL, E nvarchar(40) NULL);`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const PAYMENT = { name: 'dbo.Payment', columns: ['PaymentId:int', 'PaidOn:date?', 'PaidAt:timestamp?', 'Amount:decimal(12,3)?', 'Qty:int?', 'Rate:double?', 'Fee:decimal(19,4)?'] };
const OUT = { name: 'dbo.PaymentText', columns: ['PaymentId:int', 'A:text?', 'B:text?', 'C:text?', 'D:text?', 'E:text?'] };
const CSV = 'PaymentId,PaidOn,PaidAt,Amount,Qty,Rate,Fee\n1,2024-02-29,2024-02-29 13:05:09,1234567.125,42,,\n2,2023-01-05,2023-01-05 00:30:00,-1234.5,-7,,\n3,,,,,,\n4,1999-12-31,1999-12-31 11:59:59,0.004,1234567,,\n';

const formatCase = (csv: string, select: string): ParityCase => ({
  ddl: DDL,
  procedure: proc(`INSERT INTO dbo.PaymentText (PaymentId, A, B, C, D, E)\nSELECT p.PaymentId, ${select}\nFROM dbo.Payment p;`),
  inputs: [{ ...PAYMENT, csv }],
  output: OUT,
});

describe('FORMAT drafted against the emulator', () => {
  it('N2, D6, zeros, F1 and custom date formats (English names, 12-hour clock)', async () => {
    const r = await draftAgainstEmulator(formatCase(CSV, "FORMAT(p.Amount, 'N2'), FORMAT(p.Qty, 'D6'), FORMAT(p.PaidOn, 'yyyy-MM-dd'), FORMAT(p.PaidAt, 'dddd, MMMM d, yyyy hh:mm:ss tt'), FORMAT(p.Qty, 'N0') + '|' + FORMAT(p.Amount, 'F1') + '|' + FORMAT(p.Qty, '00000')"));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual([
      '1|1,234,567.13|000042|2024-02-29|Thursday, February 29, 2024 01:05:09 PM|42|1234567.1|00042',
      '2|-1,234.50|-000007|2023-01-05|Thursday, January 5, 2023 12:30:00 AM|-7|-1234.5|-00007',
      '3|NULL|NULL|NULL|NULL|NULL',
      '4|0.00|1234567|1999-12-31|Friday, December 31, 1999 11:59:59 AM|1,234,567|0.0|1234567',
    ]);
  });

  it('a negative value that rounds to zero stops at the FORMAT\'s file:line:col (the emulator refuses it too)', async () => {
    const c = formatCase('', "FORMAT(p.Amount, 'N2'), NULL, NULL, NULL, NULL");
    const session = await EngineSession.open({ threads: 1 });
    try {
      const body = draftOf(c.procedure, { ddl: DDL, inputs: [PAYMENT], output: OUT });
      await expect(runDraft(session, body, [{ ...PAYMENT, rows: [[1, null, null, -0.004, null, null, null]] }])).rejects.toThrow(/proc\.sql:4:21: FORMAT of a negative value that rounds to zero/);
      expect(await runDraft(session, body, [{ ...PAYMENT, rows: [[1, null, null, -0.005, null, null, null]] }])).toEqual(['1|-0.01|NULL|NULL|NULL|NULL']);
    } finally {
      session.close();
    }
  });

  it.each<[string, string, RegExp]>([
    ["'C' (currency)", "FORMAT(p.Amount, 'C')", /FORMAT\(…, 'C'\): a decimal in 'C' is not reproduced/],
    ['a custom number format', "FORMAT(p.Qty, '#,##0')", /FORMAT\(…, '#,##0'\): an integer in '#,##0' is not reproduced/],
    ['a float', "FORMAT(p.Rate, 'N2')", /FORMAT\(…, 'N2'\): FORMAT of float/],
    ['money', "FORMAT(p.Fee, 'N2')", /FORMAT\(…, 'N2'\): money is not reproduced/],
    ['fractions of a second of a datetime', "FORMAT(p.PaidAt, 'HH:mm:ss.fff')", /FORMAT\(…, 'HH:mm:ss\.fff'\): fractions of a second/],
    ['a standard date format', "FORMAT(p.PaidOn, 'd')", /FORMAT\(…, 'd'\): the standard date format 'd' is culture-dependent/],
    ['another culture', "FORMAT(p.PaidOn, 'yyyy', 'de-DE')", /FORMAT\(\): only the cultures en-US/],
    ['a format that is not a literal', 'FORMAT(p.Qty, CAST(p.Qty AS varchar(5)))', /FORMAT\(\): the format must be a text literal/],
  ])('refuses %s at its file:line:col', (_what, call, reason) => {
    const body = draftOf(proc(`INSERT INTO dbo.PaymentText (PaymentId, A)\nSELECT p.PaymentId, ${call} FROM dbo.Payment p;`), { ddl: DDL, inputs: [PAYMENT], output: { name: 'dbo.PaymentText', columns: ['PaymentId:int', 'A:text?'] } });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.file}:${x.line}:${x.col} ${x.construct}: ${x.reason}`).join('\n')).toMatch(new RegExp(`proc\\.sql:4:21 ${reason.source}`));
  });
});
