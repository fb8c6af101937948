import { analyzeSources } from '../../../src/dataflow';
import { buildSystemGraph } from '../../../src/render/system-graph';
import { interfaceGraph, SYSTEM_GRAPHS } from './fixtures/system-graphs';

describe('buildSystemGraph', () => {
  const system = buildSystemGraph(SYSTEM_GRAPHS);

  it('lists objects by name with their interface', () => {
    expect(system.objects.map((o) => o.name)).toEqual(['dbo.usp_calc_kpi', 'dbo.usp_log', 'dbo.usp_reconcile', 'dbo.usp_stage_orders']);
    expect(system.objects[0]).toEqual({
      kind: 'system-object', name: 'dbo.usp_calc_kpi', displayName: 'dbo.usp_calc_kpi', objectKind: 'procedure', file: 'procedures/usp_calc_kpi.sql', grade: 'very high',
      reads: ['ref.regions', 'stage.orders'], writes: ['mart.kpi'], calls: ['dbo.usp_log', 'dbo.usp_notify'],
    });
  });

  it('links writers to readers and callers to callees in the set', () => {
    expect(system.links).toEqual([
      { kind: 'calls', from: 'dbo.usp_calc_kpi', to: 'dbo.usp_log' },
      { kind: 'feeds', from: 'dbo.usp_calc_kpi', to: 'dbo.usp_reconcile', tables: ['mart.kpi'] },
      { kind: 'feeds', from: 'dbo.usp_reconcile', to: 'dbo.usp_calc_kpi', tables: ['stage.orders'] },
      { kind: 'feeds', from: 'dbo.usp_stage_orders', to: 'dbo.usp_calc_kpi', tables: ['stage.orders'] },
    ]);
  });

  it('orders producers and callees first and reports the cycle', () => {
    expect(system.order).toEqual(['dbo.usp_log', 'dbo.usp_stage_orders', 'dbo.usp_calc_kpi', 'dbo.usp_reconcile']);
    expect(system.cycles).toEqual([['dbo.usp_calc_kpi', 'dbo.usp_reconcile']]);
  });

  it.each([
    ['a chain', [interfaceGraph('dbo.c', ['t2'], ['t3'], [], 'low'), interfaceGraph('dbo.a', [], ['t1'], [], 'low'), interfaceGraph('dbo.b', ['t1'], ['t2'], [], 'low')], ['dbo.a', 'dbo.b', 'dbo.c'], []],
    ['a self call', [interfaceGraph('dbo.r', [], [], ['dbo.r'], 'low')], ['dbo.r'], [['dbo.r']]],
    ['independent objects', [interfaceGraph('dbo.z', ['x'], [], [], 'low'), interfaceGraph('dbo.y', ['x'], [], [], 'low')], ['dbo.y', 'dbo.z'], []],
    ['nothing', [], [], []],
  ])('%s', (_name, graphs, order, cycles) => {
    const s = buildSystemGraph(graphs);
    expect(s.order).toEqual(order);
    expect(s.cycles).toEqual(cycles);
  });

  it('lets a view feed the objects that read it', () => {
    const view = { ...interfaceGraph('dbo.v_sales', ['dbo.sales'], [], [], 'low') };
    const asView = { ...view, object: { ...view.object, kind: 'view' as const } };
    const reader = interfaceGraph('dbo.usp_report', ['dbo.v_sales'], ['dbo.report'], [], 'low');
    expect(buildSystemGraph([reader, asView]).links).toEqual([{ kind: 'feeds', from: 'dbo.v_sales', to: 'dbo.usp_report', tables: ['dbo.v_sales'] }]);
  });

  it('links a procedure writing a table to the AFTER trigger on it, which SQL Server runs with the write (its audit table comes after)', () => {
    const { graphs } = analyzeSources([{ file: 'p.sql', text: `CREATE TRIGGER dbo.trg_Product_Audit ON dbo.Product AFTER UPDATE AS
  INSERT INTO dbo.PriceAudit (ProductID, OldPrice, NewPrice) SELECT i.ProductID, d.Price, i.Price FROM inserted AS i JOIN deleted AS d ON d.ProductID = i.ProductID;
GO
CREATE PROCEDURE dbo.usp_RaisePrices AS UPDATE dbo.Product SET Price = Price * 1.1;
GO
` }]);
    const s = buildSystemGraph(graphs);
    expect(s.objects.find((o) => o.objectKind === 'trigger')).toMatchObject({ reads: ['dbo.product'], writes: ['dbo.priceaudit'] });
    expect(s.links).toEqual([{ kind: 'feeds', from: 'dbo.usp_raiseprices', to: 'dbo.trg_product_audit', tables: ['dbo.product'] }]);
    expect(s.order).toEqual(['dbo.usp_raiseprices', 'dbo.trg_product_audit']);
  });
});
