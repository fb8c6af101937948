import { EngineSession } from '../../../src/engine';
import { createDraftContext, DraftScope, isRefusal, sqlTypeOfName, translated, translateExpression } from '../../../src/draft';
import { likeClassLimits, likeRangeExactText } from '../../../src/tsql';
import { expressionOf } from '../../support/select-expression';

/*
 * A digit range ([0-9]) in LIKE and PATINDEX over text with accented or Greek letters: every
 * collation sorts letters after the digits, so the draft matches such text by code points; the
 * superscript digits and fractions, which Latin1_General_CI_AS sorts among the digits, still stop
 * the query, as do letters against a letter range ([A-Z] holds É).
 */

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

/** The draft's value of `text` with @s an nvarchar(40) holding `value`. */
async function valueOf(text: string, value: string): Promise<string | null> {
  const ctx = createDraftContext('case.sql', `SELECT ${text};`);
  ctx.variables.set('@s', translated(`CAST('${value.replace(/'/g, "''")}' AS VARCHAR)`, sqlTypeOfName('nvarchar', ['40'])));
  const t = translateExpression(expressionOf(text), new DraftScope(ctx));
  if (isRefusal(t)) throw new Error(`refused: ${t.construct}: ${t.reason}`);
  const rows = await session.all(`SELECT CAST(${t.sql} AS VARCHAR) AS v`);
  return (rows[0] as { v: string | null }).v;
}

describe('LIKE and PATINDEX digit ranges over letters beyond ASCII', () => {
  it.each([
    ["PATINDEX('%[0-9]%', @s)", 'Hauptstraße 12', '13'],
    ["PATINDEX('%[0-9]%', @s)", 'Οδός Ερμού 5', '12'],
    ["PATINDEX('%[^0-9]%', @s)", '12é', '3'],
    ["IIF(@s LIKE '%[0-9]%', 1, 0)", "Rue de l'Église", '0'],
  ])('%s of %s is %s', async (text, value, expected) => {
    await expect(valueOf(text, value)).resolves.toBe(expected);
  });

  it.each([
    ["PATINDEX('%[0-9]%', @s)", 'Apt ²'],
    ["IIF(@s LIKE '%[0-9]%', 1, 0)", 'Größe ½'],
    ["IIF(@s LIKE '[A-Z]%', 1, 0)", 'Émile'],
  ])('%s stops over %s, which the collation may sort inside the range', async (text, value) => {
    await expect(valueOf(text, value)).rejects.toThrow(/case\.sql:1:\d+: (LIKE|PATINDEX) with a \[ \] range over text holding characters beyond printable ASCII/);
  });

  it('a negated class stops over an expanding letter, as in the emulator (one position against ß, which may count as two)', async () => {
    await expect(valueOf("PATINDEX('%[^0-9]%', @s)", '12ß')).rejects.toThrow(/case\.sql:1:\d+: PATINDEX: SQL Server's collation may match an expanding letter .*'12ß'/);
  });

  it('widens the exact text only where every range runs between digits', () => {
    expect(likeRangeExactText(likeClassLimits('%[0-9]%'))).not.toBe('[ -~]*');
    expect(likeRangeExactText(likeClassLimits('[0-9][a-z]%'))).toBe('[ -~]*');
    expect(likeRangeExactText(likeClassLimits('%[A-Z]%'))).toBe('[ -~]*');
  });
});
