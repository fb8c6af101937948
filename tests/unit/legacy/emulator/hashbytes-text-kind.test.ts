import { createHash } from 'node:crypto';
import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A daily subscriber delta load: the staging rows are cleaned into a #temp table by SELECT INTO
// (REPLACE of blanks, LEFT of a code) and hashed there. HASHBYTES hashes varchar as its code
// page's bytes and nvarchar as UTF-16LE, so the emulator must know which one a cleaned column is.

const STAGE = `CREATE TABLE dbo.[Subscriber Stage] ([Subscriber Id] int NOT NULL, MSISDN varchar(20) NULL, [Full Name] nvarchar(60) NULL)
GO`;
const CSV = { 'dbo.Subscriber Stage': 'Subscriber Id,MSISDN,Full Name\n7,+44 7700 900,Ana Mu\n' };
const hex = (algorithm: string, bytes: Buffer): string => `0x${createHash(algorithm).update(bytes).digest('hex').toUpperCase()}`;

describe('HASHBYTES of cleaned text', () => {
  it('hashes REPLACE, LEFT and ISNULL(…) + … of varchar and nvarchar columns, straight and through SELECT INTO', async () => {
    const r = await runBody(`
      SELECT s.[Subscriber Id], REPLACE(s.MSISDN, ' ', '') AS MSISDN, LEFT(s.[Full Name], 3) AS Nm INTO #src FROM dbo.[Subscriber Stage] s;
      SELECT CONVERT(varchar(66), HASHBYTES('MD5', ISNULL(MSISDN, '') + '|'), 1) AS a,
             CONVERT(varchar(66), HASHBYTES('SHA2_256', Nm), 1) AS b,
             CONVERT(varchar(66), HASHBYTES('MD5', REPLACE(N'a b', ' ', '')), 1) AS c
      FROM #src;`, { tables: STAGE, csv: CSV });
    expect(resultRows(r)).toEqual([{
      a: hex('md5', Buffer.from('+447700900|', 'latin1')),
      b: hex('sha256', Buffer.from('Ana', 'utf16le')),
      c: hex('md5', Buffer.from('ab', 'utf16le')),
    }]);
  });

  it('still refuses text whose kind it cannot tell, where HASHBYTES is', async () => {
    // STUFF's result type is not followed: varchar or nvarchar stays unknown, so no bytes are guessed
    const err = await runBody(`SELECT STUFF(MSISDN, 1, 1, '') AS v INTO #x FROM dbo.[Subscriber Stage];
SELECT HASHBYTES('MD5', v) AS h FROM #x;`, { tables: STAGE, csv: CSV }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/HASHBYTES of text whose type \(varchar or nvarchar/);
    expect((err as LegacyError).location).toMatchObject({ span: { start: { line: 5 } } });
  });
});
