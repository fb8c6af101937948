import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A CRM match key: the last 7 digits of the phone, else the post code. ISNULL's result has its
// first argument's type, so the post code is cut to that type's length; the emulator does not
// know the length of RIGHT(…)'s result, so it must not hand back the uncut post code as if sure.

const RAW = `CREATE TABLE dbo.[Cust Raw] ([Cust Id] int NOT NULL, Phone varchar(30) NULL, [Post Code] varchar(12) NULL)
GO`;
const csv = (rows: string): Record<string, string> => ({ 'dbo.Cust Raw': `Cust Id,Phone,Post Code\n${rows}` });

describe('ISNULL of a text expression of unknown length', () => {
  it('keeps replacements no longer than the first argument can be', async () => {
    const r = await runBody(`
      SELECT c.[Cust Id], ISNULL(RIGHT(c.Phone, 7), c.[Post Code]) AS k, ISNULL(LEFT(c.Phone, 1), '') AS f
      FROM dbo.[Cust Raw] c ORDER BY c.[Cust Id];`, { tables: RAW, csv: csv('1,5551234567,1234\n2,,00987\n') });
    expect(resultRows(r)).toEqual([{ 'Cust Id': 1, k: '1234567', f: '5' }, { 'Cust Id': 2, k: '00987', f: '' }]);
  });

  it('refuses, located at the ISNULL, a longer replacement it would otherwise return uncut', async () => {
    const err = await runBody(`
      SELECT c.[Cust Id], ISNULL(RIGHT(c.Phone, 7), c.[Post Code]) AS k
      FROM dbo.[Cust Raw] c;`, { tables: RAW, csv: csv('8,,SW1A1AA9\n') }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/ISNULL whose replacement is longer than 7 characters/);
    expect((err as LegacyError).location).toMatchObject({ span: { start: { line: 5, column: 27 } } });
  });

  it('answers where the first argument\'s type is at least as long as the replacement: a CASE of columns, a REPLACE of one', async () => {
    // CASE's type holds each of its results (varchar(30) here), REPLACE's its text unchanged
    const r = await runBody(`
      SELECT c.[Cust Id], ISNULL(CASE WHEN c.[Cust Id] > 1 THEN c.Phone END, 'no phone on file') AS p,
        ISNULL(REPLACE(c.[Post Code], ' ', ''), 'NO POST CODE') AS z
      FROM dbo.[Cust Raw] c ORDER BY c.[Cust Id];`, { tables: RAW, csv: csv('1,5551234567,\n2,,SW1A 1AA\n') });
    expect(resultRows(r)).toEqual([{ 'Cust Id': 1, p: 'no phone on file', z: 'NO POST CODE' }, { 'Cust Id': 2, p: 'no phone on file', z: 'SW1A1AA' }]);
  });

  it('still refuses a CASE whose results are all shorter than the replacement', async () => {
    const err = await runBody(`
      SELECT ISNULL(CASE WHEN c.[Cust Id] > 1 THEN LEFT(c.Phone, 3) ELSE 'n/a' END, 'unknown') AS p
      FROM dbo.[Cust Raw] c;`, { tables: RAW, csv: csv('2,,\n') }).then(() => undefined, (e: unknown) => e);
    expect((err as LegacyError).message).toMatch(/ISNULL whose replacement is longer than 3 characters/);
  });

  it('reads the length of a variable inside the first argument without binding it twice (a CSV memo with commas blanked)', async () => {
    // the variable's varchar(50) bounds the REPLACE: looked up, not translated again (a stray $n parameter broke the statement)
    const r = await runBody(`DECLARE @Memo varchar(50) = 'Refund, partial', @None varchar(50);
      SELECT ISNULL(REPLACE(@Memo, ',', ' '), '') AS m, ISNULL(REPLACE(@None, ',', ' '), 'no memo') AS n;`);
    expect(resultRows(r)).toEqual([{ m: 'Refund  partial', n: 'no memo' }]);
  });
});
