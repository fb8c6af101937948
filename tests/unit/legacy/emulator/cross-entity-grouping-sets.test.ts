import { crossEntityReads } from '../../../../src/legacy/emulator/section/cross-entity-reads';
import { parseScript, type CreateProcedure } from '../../../../src/tsql';

// A variance report's subtotals: grouping sets that all hold [Cost Center] stay per cost center,
// but a grand total (the empty set, ROLLUP, CUBE, WITH ROLLUP) adds rows of every cost center.
function statementsOf(body: string): CreateProcedure['body'] {
  const script = parseScript(`CREATE PROCEDURE dbo.[usp_Variance Subtotals] AS\nBEGIN\n${body}\nEND\n`, { file: 'variance.sql' });
  const proc = script.batches[0]?.statements[0] as CreateProcedure;
  return proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
}

const insert = (groupBy: string): string => `INSERT INTO dbo.[Budget Variance] ([Cost Center], Account, Budget)
SELECT v.[Cost Center], v.Account, SUM(v.Budget) FROM dbo.[Budget Line] v
GROUP BY ${groupBy};`;

describe('crossEntityReads and GROUP BY grouping sets', () => {
  it.each([
    ['GROUPING SETS with a grand total', 'GROUPING SETS ((v.[Cost Center], v.Account), (v.[Cost Center]), ())'],
    ['GROUPING SETS with a set by account only', 'GROUPING SETS ((v.[Cost Center], v.Account), (v.Account))'],
    ['ROLLUP', 'ROLLUP (v.[Cost Center], v.Account)'],
    ['CUBE', 'CUBE (v.[Cost Center], v.Account)'],
    ['WITH ROLLUP', 'v.[Cost Center], v.Account WITH ROLLUP'],
  ])('names %s', (_what, groupBy) => {
    expect(crossEntityReads(statementsOf(insert(groupBy)), 'Cost Center').map((r) => r.construct)).toEqual(['SUM(…) over rows of every Cost Center']);
  });

  it.each([
    ['GROUPING SETS each holding the cost center', 'GROUPING SETS ((v.[Cost Center], v.Account), (v.[Cost Center]))'],
    ['the cost center beside a ROLLUP of the rest', 'v.[Cost Center], ROLLUP (v.Account)'],
  ])('leaves %s alone', (_what, groupBy) => {
    expect(crossEntityReads(statementsOf(insert(groupBy)), 'Cost Center')).toEqual([]);
  });
});
