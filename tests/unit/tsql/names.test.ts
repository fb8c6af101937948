import type { Identifier, ObjectName } from '../../../src/tsql';
import { isTempName, normalizeObjectName, parseScript } from '../../../src/tsql';
import { baseName } from '../../../src/tsql/names';

/** The ObjectName of the table in `SELECT * FROM <name>`. */
function nameOf(written: string): ObjectName {
  const s = parseScript(`SELECT * FROM ${written}`).batches[0]?.statements[0];
  if (s?.kind !== 'Select' || s.body.kind !== 'QuerySpec') throw new Error('not a select');
  const src = s.body.from[0];
  if (src?.kind !== 'TableRef') throw new Error('not a table');
  return src.name;
}

describe('normalizeObjectName', () => {
  it.each([
    ['Orders', 'dbo.orders'],
    ['[Sales].[Orders]', 'sales.orders'],
    ['"Sales"."Orders"', 'sales.orders'],
    ['[Order Details]', 'dbo.order details'],
    ['Staging.dbo.Customer', 'staging.dbo.customer'],
    ['Staging..Customer', 'staging.dbo.customer'],
    ['[LNK-ERP].ERP.dbo.Orders', 'lnk-erp.erp.dbo.orders'],
    // SSDT's $(DatabaseName) is the database being deployed (sqlcmd variables ignore case); another variable is another database.
    ['[$(DatabaseName)].[dbo].[Currency]', 'dbo.currency'],
    ['[$(databasename)]..Currency', 'dbo.currency'],
    ['[$(LinkedDb)].dbo.Currency', '$(linkeddb).dbo.currency'],
    ['[LNK].[$(DatabaseName)].dbo.Currency', 'lnk.$(databasename).dbo.currency'],
    ['#tmp', 'dbo.#tmp'],
    ['[a]]b]', 'dbo.a]b'],
  ])('%s -> %s', (written, expected) => {
    expect(normalizeObjectName(nameOf(written))).toBe(expected);
  });

  it('accepts another default schema and raw identifier lists', () => {
    expect(normalizeObjectName(nameOf('t'), 'stage')).toBe('stage.t');
    const parts = nameOf('x.y').parts as Identifier[];
    expect(normalizeObjectName(parts)).toBe('x.y');
  });
});

describe('isTempName / baseName', () => {
  it.each([
    ['#t', true], ['##g', true], ['t', false], ['dbo.t', false],
  ])('%s', (written, temp) => {
    expect(isTempName(nameOf(written))).toBe(temp);
  });

  it('takes strings and returns the last part', () => {
    expect(isTempName('#x')).toBe(true);
    expect(baseName(nameOf('[db].[s].[T]'))).toBe('T');
  });
});
