import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// Tag-manager payloads from a buggy app build: a trailing comma, NaN for an unset total. DuckDB's
// parser reads both as valid JSON; RFC 8259 does not, and SQL Server's pages do not say it would.
const TABLES = 'CREATE TABLE dbo.Evt (Id int NOT NULL, Payload nvarchar(max) NULL)';
const csvOf = (payload: string): Record<string, string> => ({ 'dbo.Evt': `Id,Payload\n1,"${payload.replace(/"/g, '""')}"\n` });

describe('JSON text only DuckDB reads as valid', () => {
  it.each([
    ['ISJSON of an array with a trailing comma', 'SELECT ISJSON(Payload) AS v FROM dbo.Evt', '{"items":[1,2,]}'],
    ['ISJSON of a NaN total', 'SELECT ISJSON(Payload) AS v FROM dbo.Evt', '{"total":NaN}'],
    ['JSON_VALUE of an object with a trailing comma', "SELECT JSON_VALUE(Payload, '$.total') AS v FROM dbo.Evt", '{"total":"5", }'],
    ['OPENJSON over -Infinity', "SELECT x.q FROM dbo.Evt CROSS APPLY OPENJSON(Payload, '$.items') WITH (q int '$.qty') x", '{"items":[{"qty":-infinity}]}'],
  ])('refuses %s', async (_what, body, payload) => {
    const err = await runBody(body, { tables: TABLES, csv: csvOf(payload) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/comma before \] or \}, or a NaN or Infinity literal/);
  });

  it('still reads strict JSON whose strings hold commas before brackets and the word nan', async () => {
    const r = await runBody("SELECT ISJSON(Payload) AS ok, JSON_VALUE(Payload, '$.note') AS note FROM dbo.Evt", { tables: TABLES, csv: csvOf('{"note":"banana, ]","tags":["inf"]}') });
    expect(resultRows(r)).toEqual([{ ok: 1, note: 'banana, ]' }]);
  });

  it('still gives 0 for text no parser takes', async () => {
    const r = await runBody('SELECT ISJSON(Payload) AS v FROM dbo.Evt', { tables: TABLES, csv: csvOf('not json {') });
    expect(resultRows(r)).toEqual([{ v: 0 }]);
  });
});
