import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// GOTO: learn.microsoft.com/sql/t-sql/language-elements/goto-transact-sql
describe('GOTO and labels', () => {
  it.each([
    ['jumps forward out of an IF block to an error handler', `
      DECLARE @n int = 0;
      SET @n = 1;
      IF @n = 1 BEGIN SET @n = 2; GOTO Failed; END
      SET @n = 99;
      SELECT @n AS v; RETURN;
      Failed:
      SELECT @n * 10 AS v;`, 20],
    ['jumps backward to loop', `
      DECLARE @i int = 0;
      Again:
      SET @i = @i + 1;
      IF @i < 5 GOTO Again;
      SELECT @i AS v;`, 5],
  ])('%s', async (_name, body, expected) => {
    const r = await runBody(body);
    expect(resultRows(r)).toEqual([{ v: expected }]);
  });

  it('refuses a GOTO into a block it is not in, at the GOTO', async () => {
    const err = await runBody('GOTO Inner;\nIF 1 = 0 BEGIN\nInner:\nSELECT 1 AS v;\nEND').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/^usp_test\.sql:4:1: the emulator does not support GOTO Inner/);
  });
});
