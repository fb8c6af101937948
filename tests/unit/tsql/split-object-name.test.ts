import { splitObjectName } from '../../../src/tsql/names';
import { normalizeObjectName } from '../../../src/legacy/legacy-run';

// A name written as text keeps an empty part where two dots meet: `master..spt_values` is the
// master database's dbo.spt_values, never a table spt_values in a schema named master.
describe('splitObjectName', () => {
  it.each([
    ['master..spt_values', ['master', '', 'spt_values']],
    ['[master]..[spt_values]', ['master', '', 'spt_values']],
    ['a.b', ['a', 'b']],
    ['[a].[b.c]', ['a', 'b.c']],
    [' dbo . t ', ['dbo', 't']],
    ['"a"."b"', ['a', 'b']],
    ['t', ['t']],
  ])('splits %s', (text, parts) => {
    expect(splitObjectName(text)).toEqual(parts);
  });

  it('normalises db..t with the default schema', () => {
    expect(normalizeObjectName('master..spt_values')).toBe('master.dbo.spt_values');
    expect(normalizeObjectName('RefData.dbo.Rate')).toBe('refdata.dbo.rate');
  });
});
