import { join } from 'node:path';
import { defaultValueText, resolveParams } from '../../../../src/cli/commands/run';
import { loadWorkspaceConfig } from '../../../../src/sections';

// CREATE PROCEDURE: learn.microsoft.com/sql/t-sql/statements/create-procedure-transact-sql ("The
// default value must be a constant or it can be NULL"); EXEC without the parameter uses it.
describe('migrate run: parameter values as an EXEC of the procedure has them', () => {
  it.each<[string, string | null | undefined]>([
    ['10', '10'], ['-1.5', '-1.5'], ['+3', '3'], ['NULL', null], ['null', null],
    ["'abc'", 'abc'], ["N'Zoë''s'", "Zoë's"], ["''", ''], ['GETDATE()', undefined], ['@x', undefined],
  ])('the default %s is %p', (text, expected) => {
    expect(defaultValueText(text)).toBe(expected);
  });

  const config = loadWorkspaceConfig(join(__dirname, '../../../..'));

  it('fills a parameter left out with its declared default, and keeps one given', () => {
    expect(resolveParams(config, 'dbo.usp_BuildDeviceKpis', { '@FromDate': '2026-03-02', '@ToDate': '2026-03-08' }).values)
      .toEqual({ '@FromDate': '2026-03-02', '@ToDate': '2026-03-08', '@MinSamples': '10', '@Debug': '0' });
    // `SET @RunDate = ISNULL(@RunDate, …)` on line 25: a later section outside it reads that value, not the caller's.
    const nightly = resolveParams(config, 'dbo.usp_RunNightlyKpis', { '@DaysBack': '3' });
    expect({ values: nightly.values, names: nightly.names, assigned: nightly.assigned }).toEqual({ values: { '@DaysBack': '3' }, names: ['@RunDate', '@DaysBack', '@TargetDb'], assigned: new Map([['@rundate', [25]]]) });
    // and its guard clause on a child's return code, which migrate run names in a warning
    expect(nightly.found?.exits.map((e) => [e.line, e.condition, e.answerable, e.reads])).toEqual([[40, '@rc <> 0', false, ['@rc, set at line 34 by an EXEC']]]);
  });

  it('still refuses a parameter without a default that is not given', () => {
    expect(() => resolveParams(config, 'dbo.usp_BuildDeviceKpis', { '@FromDate': '2026-03-02' })).toThrow(/requires parameter @ToDate/);
  });
});
