import { EngineSession } from '../../../src/engine';
import { createDraftContext, DraftScope, isRefusal, sqlTypeOfName, translated, translateExpression, type Refusal } from '../../../src/draft';
import { expressionOf } from '../../support/select-expression';

// ROUND of a decimal in a draft: decimal(p, s) as SQL Server returns it, error 8115 where the
// rounded value needs more integral digits (the ROUND page: ROUND(748.58, -3) overflows
// decimal(5,2); ROUND(744.0, -3) is reported as "Arithmetic overflow error converting expression
// to data type numeric."). DuckDB's round gave 0 for both.

/** Translates `text` with @x bound to a decimal(p,s) value (or to nothing). */
function translate(text: string, x?: readonly [number, number, string | null]) {
  const ctx = createDraftContext('case.sql', `SELECT ${text};`);
  if (x !== undefined) ctx.variables.set('@x', translated(`CAST(${x[2] === null ? 'NULL' : `'${x[2]}'`} AS DECIMAL(${x[0]},${x[1]}))`, sqlTypeOfName('decimal', [String(x[0]), String(x[1])])));
  return translateExpression(expressionOf(text), new DraftScope(ctx));
}

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

async function valueOf(text: string, x?: readonly [number, number, string | null]): Promise<string | null> {
  const t = translate(text, x);
  if (isRefusal(t)) throw new Error(`refused: ${t.construct}: ${t.reason}`);
  const rows = await session.all(`SELECT CAST(${t.sql} AS VARCHAR) AS v`);
  return (rows[0]?.v ?? null) as string | null;
}

describe('a drafted ROUND of a decimal', () => {
  it.each<[string, (readonly [number, number, string | null]) | undefined, string | null]>([
    ['ROUND(748.58, -4)', undefined, '0.00'],
    ['ROUND(@x, -3)', [5, 2, '448.58'], '0.00'],
    ['ROUND(748.58, -2)', undefined, '700.00'],
    ['ROUND(@x, -3)', [6, 2, '748.58'], '1000.00'],
    ['ROUND(@x, 1)', [5, 2, '-2.45'], '-2.50'],
    ['ROUND(@x, -2)', [38, 2, '1234.56'], '1200.00'],
    ['ROUND(@x, -37)', [38, 2, '999999999999999999999999999999999999.99'], '0.00'],
    ['ROUND(@x, 1)', [5, 2, null], null],
  ])('%s of %p is %p', async (text, x, expected) => {
    expect(await valueOf(text, x)).toBe(expected);
  });

  it.each<[string, (readonly [number, number, string]) | undefined]>([
    ['ROUND(748.58, -3)', undefined],
    ['ROUND(744.0, -3)', undefined],
    ['ROUND(@x, -3)', [5, 2, '-548.58']],
    ['ROUND(0.7, 0)', undefined],
    ['ROUND(@x, 2)', [6, 3, '999.995']],
  ])('%s of %p stops with 8115 instead of giving 0 or another number', async (text, x) => {
    await expect(valueOf(text, x)).rejects.toThrow(/Arithmetic overflow error converting expression to data type numeric/);
  });

  it('refuses ROUND of a decimal(38,s) at exactly s - 38 places, where only the value tells 0 from an overflow', () => {
    const r = translate('ROUND(@x, -36)', [38, 2, '1.00']);
    expect(isRefusal(r)).toBe(true);
    expect((r as Refusal).reason).toMatch(/ROUND of decimal\(38,2\) at -36 places/);
  });
});
