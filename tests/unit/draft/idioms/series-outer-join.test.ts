import { draftOf } from '../draft-harness';
import { draftAgainstEmulator, type ParityCase } from '../emulator-parity';

/*
 * A midnight census: `WHILE @Day <= @To` inserting, per day, every ward with the stays open at
 * that midnight, through a LEFT JOIN whose ON reads @Day. Idiom (e) drafts the loop as a
 * series joined laterally to the INSERT's SELECT, where @Day is a column of the series row; a
 * LEFT JOIN whose ON reads it was drafted as written and failed at run time in DuckDB ("Non-inner
 * join on correlated columns not supported"). It is now the LATERAL of the stays that ON keeps,
 * joined ON true, as for an ON holding a subquery.
 */

const DDL = `CREATE TABLE dbo.Ward ([Ward Code] varchar(10) NOT NULL PRIMARY KEY, [Staffed Beds] smallint NOT NULL);
CREATE TABLE dbo.Stay ([Encounter No] int NOT NULL, [Ward Code] varchar(10) NOT NULL, [Start DTTM] datetime NOT NULL, [End DTTM] datetime NULL);
CREATE TABLE dbo.Census ([Census Date] date NOT NULL, [Ward Code] varchar(10) NOT NULL, Patients int NOT NULL, CONSTRAINT PK_Census PRIMARY KEY ([Census Date], [Ward Code]));
GO`;

const procedure = (join: string, check = ''): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Day date, @To date = '2024-03-01', @Err int;
  SET @Day = '2024-02-27';
  WHILE @Day <= @To
  BEGIN
    INSERT INTO dbo.Census ([Census Date], [Ward Code], Patients)
    SELECT @Day, w.[Ward Code], COUNT(s.[Encounter No])
    FROM dbo.Ward w
    ${join} dbo.Stay s
           ON s.[Ward Code] = w.[Ward Code]
          AND s.[Start DTTM] <= DATEADD(second, -1, CAST(DATEADD(day, 1, @Day) AS datetime))
          AND (s.[End DTTM] IS NULL OR s.[End DTTM] > DATEADD(second, -1, CAST(DATEADD(day, 1, @Day) AS datetime)))
    GROUP BY w.[Ward Code];${check}
    SET @Day = DATEADD(day, 1, @Day);
  END
END`;

const WARDS = { name: 'dbo.Ward', columns: ['Ward Code:text', 'Staffed Beds:int'], csv: 'Ward Code,Staffed Beds\nICU,2\nMED,20\nSURG,0\n' };
// a stay ending exactly at 23:59:59 is gone that midnight; one starting then is there; one open
const STAYS = {
  name: 'dbo.Stay', columns: ['Encounter No:int', 'Ward Code:text', 'Start DTTM:timestamp', 'End DTTM:timestamp?'],
  csv: 'Encounter No,Ward Code,Start DTTM,End DTTM\n1,MED,2024-02-27 10:00:00,2024-02-29 23:59:59\n3,ICU,2024-02-28 23:59:59,2024-02-29 12:00:00\n5,ICU,2024-02-20 07:30:00,\n6,MED,2024-03-01 00:00:00,2024-03-05 11:00:00\n',
};
const CENSUS = { name: 'dbo.Census', columns: ['Census Date:date', 'Ward Code:text', 'Patients:int'], csv: 'Census Date,Ward Code,Patients\n' };
const parity = (join: string, check = ''): ParityCase => ({ ddl: DDL, procedure: procedure(join, check), inputs: [WARDS, STAYS, CENSUS], output: { name: 'dbo.Census', columns: CENSUS.columns } });

describe('a LEFT JOIN whose ON reads the day of a WHILE over days (idiom (e))', () => {
  it('drafts every ward of every day, with the stays open at its midnight, as the emulator runs it', async () => {
    const r = await draftAgainstEmulator(parity('LEFT JOIN'));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual([
      '2024-02-27|ICU|1', '2024-02-27|MED|1', '2024-02-27|SURG|0',
      '2024-02-28|ICU|2', '2024-02-28|MED|1', '2024-02-28|SURG|0',
      '2024-02-29|ICU|1', '2024-02-29|MED|0', '2024-02-29|SURG|0',
      '2024-03-01|ICU|1', '2024-03-01|MED|1', '2024-03-01|SURG|0',
    ]);
  });

  it('drafts the loop with the @@ERROR check of code older than TRY … CATCH after its INSERT (false on every row a draft returns)', async () => {
    const r = await draftAgainstEmulator(parity('LEFT JOIN', '\n    SELECT @Err = @@ERROR;\n    IF @Err <> 0 RETURN @Err;'));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toHaveLength(12);
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuses a RIGHT JOIN whose ON reads the day, naming it, where DuckDB has no such rewrite', () => {
    const c = parity('RIGHT JOIN');
    const body = draftOf(c.procedure, { ddl: c.ddl, inputs: c.inputs, output: c.output });
    expect(body.refusals.map((r) => `${r.line}:${r.col}: ${r.construct}`)).toEqual(['12:15: @Day, a loop variable, in the ON of a RIGHT JOIN']);
  });
});
