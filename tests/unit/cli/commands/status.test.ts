import { renderStatusMarkdown } from '../../../../src/cli/commands/status';
import type { ProcedureStatus } from '../../../../src/sections';

const row = (name: string, sections: number): ProcedureStatus => ({
  name, statements: 10, covered: sections > 0 ? 10 : 0, sections, implemented: 0, scenarios: 2, passing: 1, acceptance: null,
} as ProcedureStatus);

describe('renderStatusMarkdown', () => {
  it.each([
    ['no dataflow folder: plain names', undefined, row('dbo.usp_A', 2), '| `dbo.usp_A` | 10/10 |'],
    ['a procedure with sections links to its section map', 'dataflow', row('dbo.usp_A', 2), '| [`dbo.usp_A`](dataflow/dbo.usp_a.md#section-map) | 10/10 |'],
    ['spaces and brackets in the name', 'out/flow/', row('[Sales].[Load Orders]', 1), '| [`[Sales].[Load Orders]`](out/flow/sales.load%20orders.md#section-map) |'],
    ['a doubled ]] inside brackets stays one ] in the page name', 'dataflow', row('Reporting.[City]]Totals.v2]', 1), '| [`Reporting.[City]]Totals.v2]`](dataflow/reporting.city%5Dtotals.v2.md#section-map) |'],
    ['a name analyze has to make safe (a Windows device name) links to the safe page', 'dataflow', row('con.[Load]', 1), '](dataflow/con_.load~'],
    ['no sections yet: no map to link to', 'dataflow', row('dbo.usp_B', 0), '| `dbo.usp_B` | 0/10 |'],
  ])('%s', (_name, dir, r, expected) => {
    expect(renderStatusMarkdown([r], dir)).toContain(expected);
  });
});
