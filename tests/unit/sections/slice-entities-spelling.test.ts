import { parseColumnType, type ColumnType } from '../../../src/engine';
import { pickEntities, sliceForEntity, WHOLE_TABLE_LIMIT } from '../../../src/sections/slice-entities';
import type { TableData } from '../../../src/sections/spec-model';

// A loyalty statement reads its customers from dbo.Customer (CustomerId) and their subscriptions
// from a table imported from the old billing system, `dbo.[Legacy Subscription]` ([Customer Id]).
// `record --from-data` sliced only tables spelling the entity column exactly: every scenario
// carried every subscription, and past WHOLE_TABLE_LIMIT rows the section could not be recorded
// at all ("has no CustomerId column and shares no column with a table that has").
function table(name: string, header: string[], rows: unknown[][]): TableData {
  const columns = header.map((h) => {
    const [col, type] = h.split(':') as [string, string];
    return { kind: 'spec-column' as const, name: col, type: parseColumnType(type) as ColumnType, line: 1, column: 1 };
  });
  return { kind: 'table-data', name, columns, rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, r[i]]))), line: 1, source: { kind: 'inline' } };
}

const customers = table('dbo.Customer', ['CustomerId:int', 'JoinDate:date'], [[1, '2017-03-01'], [2, '2020-02-05'], [3, '2020-02-29']]);
// more subscriptions than a table is taken whole
const many = Array.from({ length: WHOLE_TABLE_LIMIT + 30 }, (_, i) => [i + 1, (i % 3) + 1, i % 2 === 0 ? 'BASIC' : 'PLUS']);
const subscriptions = table('dbo.Legacy Subscription', ['Subscription Id:int', 'Customer Id:int', 'Plan Code:text'], many);

describe('entity columns spelled with blanks or underscores', () => {
  it('slice a legacy table by its [Customer Id] for the entity CustomerId', () => {
    const slice = sliceForEntity([customers, subscriptions], 'CustomerId', 2);
    expect('refused' in slice).toBe(false);
    if ('refused' in slice) return;
    const subs = slice.tables[1] as TableData;
    expect(subs.rows.length).toBe(many.filter((r) => r[1] === 2).length);
    expect(subs.rows.every((r) => r['Customer Id'] === 2)).toBe(true);
  });

  it('count the legacy table\'s rows for the entity when picking', () => {
    const picked = pickEntities([customers, subscriptions], 'CustomerId', 3);
    expect(picked.map((p) => p.rows).sort((a, b) => a - b)).toEqual([77, 78, 78]);
  });

  it('prefer the column spelled exactly, and take none where two spellings are alike', () => {
    const both = table('dbo.Both', ['CustomerId:int', 'Customer_Id:int'], [[1, 2], [2, 1]]);
    const slice = sliceForEntity([both], 'CustomerId', 1);
    expect('refused' in slice ? [] : slice.tables[0]?.rows).toEqual([{ CustomerId: 1, Customer_Id: 2 }]);
    const twins = table('dbo.Twins', ['Customer Id:int', 'Customer_Id:int'], [[1, 2], [2, 1]]);
    // neither is taken for the entity column; the first links it to the customers cut to 1
    const linked = sliceForEntity([customers, twins], 'CustomerId', 1);
    expect('refused' in linked ? undefined : linked.tables[1]?.rows).toEqual([{ 'Customer Id': 1, Customer_Id: 2 }]);
    expect('refused' in linked ? undefined : sliceForEntity([twins], 'CustomerId', 1)).toEqual({ tables: [twins] });
  });
});
