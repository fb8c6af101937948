import { draftOf } from './draft-harness';

// Meter readings stored in UTC, reported on the local day of the plant. The emulator converts
// AT TIME ZONE for a fixed set of Windows zones (legacy/emulator/dates/time-zones.ts); drafts do
// not: the draft stops at the operator, located, rather than reading the UTC day.
const DDL = `CREATE TABLE dbo.[Meter Reading] ([Meter Id] int NOT NULL, [Read At] datetime2(0) NOT NULL);
CREATE TABLE dbo.[Reading Day] ([Meter Id] int NOT NULL, [Local Day] date NULL);`;
const READINGS = { name: 'dbo.Meter Reading', columns: ['Meter Id:int', 'Read At:timestamp'] };
const OUT = { name: 'dbo.Reading Day', columns: ['Meter Id:int', 'Local Day:date?'] };
const PROC = `CREATE PROCEDURE dbo.usp_Reading_Day AS
BEGIN
  INSERT INTO dbo.[Reading Day] ([Meter Id], [Local Day])
  SELECT r.[Meter Id], CONVERT(date, r.[Read At] AT TIME ZONE 'UTC' AT TIME ZONE 'W. Europe Standard Time')
  FROM dbo.[Meter Reading] r;
END`;

describe('AT TIME ZONE in drafts', () => {
  it('is refused at the operator, with its line and column', () => {
    const body = draftOf(PROC, { ddl: DDL, inputs: [READINGS], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.line}:${x.col} ${x.construct}`)).toEqual(['4:38 AT TIME ZONE']);
  });
});
