import { formatRaiserror, raiserrorMessage, type RaiserrorArgument } from '../../../../src/legacy/emulator/raiserror-format';
import { runBody } from './emulator-helpers';

const int = (v: number): RaiserrorArgument => ({ value: String(v), kind: 'int' });
const text = (v: string): RaiserrorArgument => ({ value: v, kind: 'text' });

// RAISERROR (Transact-SQL), "msg_str": % [[flag] [width] [. precision] [{h | l}]] type; flags
// - + 0 # and blank, width and precision (* from the arguments), types d i o s u x X, as C's
// printf formats them.
describe('RAISERROR message substitution', () => {
  it.each<[string, RaiserrorArgument[], string]>([
    ['%d rows', [int(3)], '3 rows'],
    ['%s and %s', [text('a'), text('b')], 'a and b'],
    ['100%%', [], '100%'],
    ['missing %d', [], 'missing (null)'],
    ['[%05d] [%6d] [%-6d] [%.3s] [%8s]', [int(42), int(42), int(42), text('ABCDEF'), text('abc')], '[00042] [    42] [42    ] [ABC] [     abc]'],
    ['[%5d|%-3s|]', [int(4), text('x')], '[    4|x  |]'],
    ['[%+d] [% d] [%+d] [%-05d]', [int(7), int(7), int(-7), int(7)], '[+7] [ 7] [-7] [7    ]'],
    ['[%05d] [%.4d] [%8.4d]', [int(-42), int(42), int(42)], '[-0042] [0042] [    0042]'],
    ['[%x] [%X] [%#x] [%#X] [%o] [%#o]', [int(255), int(255), int(255), int(255), int(8), int(8)], '[ff] [FF] [0xff] [0XFF] [10] [010]'],
    ['[%u] [%x]', [int(-1), int(-1)], '[4294967295] [ffffffff]'],
    ['[%*d] [%-*d] [%.*s]', [int(4), int(7), int(4), int(7), int(2), text('abc')], '[   7] [7   ] [ab]'],
    ['[%8s]', [{ value: null, kind: 'null' }], '[  (null)]'],
  ])('%s', (template, values, expected) => {
    expect(formatRaiserror(template, values)).toBe(expected);
  });

  // msg_str: "If the message contains 2,048 or more characters, only the first 2,044 are displayed
  // and an ellipsis is added"; substitutions take more room inside than they show.
  it('a message of 2,048 characters or more keeps 2,044 and an ellipsis', () => {
    expect(raiserrorMessage('x'.repeat(2047), [])).toBe('x'.repeat(2047));
    expect(raiserrorMessage('x'.repeat(3000), [])).toBe(`${'x'.repeat(2044)}...`);
    expect(() => raiserrorMessage(`${'x'.repeat(1500)} %d`, [int(2)])).toThrow(/past 1,000 characters with substitutions/);
  });

  it('ERROR_MESSAGE() shows the formatted text of a RAISERROR caught in TRY', async () => {
    const r = await runBody(`DECLARE @OrderId int = 42;
BEGIN TRY
  RAISERROR('Order [%05d] [%6d] [%-6d] code [%.3s] name [%8s] failed', 16, 1, @OrderId, @OrderId, @OrderId, 'ABCDEF', 'abc');
END TRY
BEGIN CATCH
  SELECT ERROR_MESSAGE() AS m;
END CATCH`);
    expect(r.resultSets[0]?.rows).toEqual([{ m: 'Order [00042] [    42] [42    ] code [ABC] name [     abc] failed' }]);
  });

  it('a bigint is substituted by %I64d, refused with %d', async () => {
    const r = await runBody("DECLARE @b bigint = 5000000000; BEGIN TRY RAISERROR('[%I64d]', 16, 1, @b); END TRY BEGIN CATCH SELECT ERROR_MESSAGE() AS m; END CATCH");
    expect(r.resultSets[0]?.rows).toEqual([{ m: '[5000000000]' }]);
    await expect(runBody("DECLARE @b bigint = 5; RAISERROR('%d', 16, 1, @b);")).rejects.toThrow(/RAISERROR %d with a bigint argument/);
  });

  it('a text argument for %d is refused, not printed as NaN', async () => {
    await expect(runBody("RAISERROR('%d', 16, 1, 'abc');")).rejects.toThrow(/RAISERROR %d with an argument that is not an integer/);
  });
});

// FORMATMESSAGE (Transact-SQL): "Like in the RAISERROR statement, FORMATMESSAGE edits the message
// by substituting the supplied parameter values for placeholder variables in the message."
describe('FORMATMESSAGE', () => {
  it('formats a message with flags and widths, for THROW', async () => {
    const r = await runBody(`DECLARE @id int = 42, @name varchar(10) = 'abc';
BEGIN TRY
  THROW 50001, FORMATMESSAGE('Order [%05d] name [%-5s] [%.2s]', @id, @name, @name), 1;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m, FORMATMESSAGE('%s', NULL) AS z;
END CATCH`);
    expect(r.resultSets[0]?.rows).toEqual([{ n: 50001, m: 'Order [00042] name [abc  ] [ab]', z: '(null)' }]);
  });

  it('an argument read from rows is refused', async () => {
    await expect(runBody("SELECT FORMATMESSAGE('%d', Id) AS m FROM dbo.T;", { tables: 'CREATE TABLE dbo.T (Id int NOT NULL);' }))
      .rejects.toThrow(/FORMATMESSAGE argument not known before the statement/);
  });
});
