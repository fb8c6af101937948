import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile, analyzeSources, applyCalleeEffects, calleeEffectsByName, calleeEffectsOf, markDuplicateDefinitions, procedureEffectsOf, setContextOf, splitScript, type DataFlowGraph, type Step } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

// The nightly load (tests/fixtures/nightly-load): usp_RunNightlyLoad creates #FeedWork, EXECs
// usp_StageOrders (which fills it and keeps a #Dupes of its own) and [dbo].[usp Apply Orders]
// (CREATEd in 02-apply.sql, ALTERed in the 03 upgrade script to EXEC usp_PostBalances).
const dir = join(__dirname, '../../fixtures/nightly-load');
const sources = readdirSync(dir).sort().map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));

/** What a step reads and writes, by node name, with the procedures a callee access is via. */
function effects(graph: DataFlowGraph, step: Step): { reads: string[]; writes: string[] } {
  const name = (id: string): string => graph.nodes.find((n) => n.id === id)?.name ?? id;
  const via = (id: string, access: 'read' | 'write'): string => {
    const t = step.through?.find((x) => x.node === id && x.access === access);
    return t ? ` via ${t.via.join(', ')}` : '';
  };
  return { reads: step.reads.map((r) => `${name(r.node)}${via(r.node, 'read')}`), writes: step.writes.map((w) => `${name(w.node)}${via(w.node, 'write')}`) };
}

const graphOf = (graphs: readonly DataFlowGraph[], name: string): DataFlowGraph => graphs.find((g) => g.object.name === name && g.object.duplicate?.current !== false) as DataFlowGraph;
const execOf = (graph: DataFlowGraph, callee: string): Step => graph.steps.find((s) => s.kind === 'exec' && s.label.toLowerCase().endsWith(callee)) as Step;

describe('an EXEC carries what the called procedure reads and writes', () => {
  const result = analyzeSources(sources);
  const caller = graphOf(result.graphs, 'dbo.usp_runnightlyload');

  it('gives the EXEC the callee\'s tables, and the #temp the caller made that the callee fills, never the callee\'s own #temp', () => {
    expect(effects(caller, execOf(caller, 'usp_stageorders'))).toEqual({
      reads: ['@batchid', 'dbo.orderfeed via dbo.usp_StageOrders', '#feedwork via dbo.usp_StageOrders'],
      writes: ['dbo.stagedorder via dbo.usp_StageOrders', '#feedwork via dbo.usp_StageOrders', '@rc'],
    });
    // one #FeedWork node: the caller's CREATE TABLE and the callee's INSERT are the same table
    expect(caller.nodes.filter((n) => n.kind === 'temp-table').map((n) => n.name)).toEqual(['#feedwork']);
    // the callee's DELETE … WHERE and INSERT keep earlier rows: a section cut around the EXEC is given them
    expect(execOf(caller, 'usp_stageorders').modifies?.map((id) => caller.nodes.find((n) => n.id === id)?.name)).toEqual(['dbo.stagedorder', '#feedwork']);
  });

  it('follows nested EXECs of the definition in effect (an upgrade script\'s ALTER), bracketed names with spaces', () => {
    const apply = execOf(caller, 'usp apply orders');
    expect(effects(caller, apply).writes).toEqual([
      'dbo.customer via dbo.usp_PostBalances', 'dbo.order ledger via dbo.usp Apply Orders, dbo.usp_PostBalances', '@applied', '@rc',
    ]);
    expect(caller.nodes.find((n) => n.name === 'dbo.customer')?.role).toBe('output');
  });

  it('keeps the analyze contract: reads, writes and temps of the object\'s own statements', () => {
    const detail = result.json.objectsDetail.find((d) => d.name === 'dbo.usp_runnightlyload');
    expect(detail).toMatchObject({ reads: [], writes: ['dbo.loadbatch'], temps: ['#feedwork'], calls: ['dbo.usp apply orders', 'dbo.usp_stageorders'] });
  });

  it('ends on recursion and cycles, leaves dynamic SQL and procedures outside the set as calls only', () => {
    const cyc = analyzeSources([{
      file: 'cycle.sql',
      text: [
        'CREATE PROCEDURE dbo.usp_Ping @n int AS IF @n > 0 BEGIN UPDATE dbo.Pings SET Hits = Hits + 1; EXEC dbo.usp_Pong @n; EXEC dbo.usp_Ping @n; END',
        'GO',
        'CREATE PROCEDURE dbo.usp_Pong @n int AS BEGIN DECLARE @m int = @n - 1; INSERT dbo.Pongs (N) VALUES (@n); EXEC DBO.USP_PING @m; END',
        'GO',
        "CREATE PROCEDURE dbo.usp_Outer AS BEGIN DECLARE @sql nvarchar(200) = N'DELETE dbo.Pings'; EXEC (@sql); EXEC sp_executesql @sql; EXEC Archive.dbo.usp_Purge; EXEC [DBO].[usp_pong] 3; END",
        'GO',
      ].join('\n'),
    }]);
    const ping = graphOf(cyc.graphs, 'dbo.usp_ping');
    expect(effects(ping, execOf(ping, 'usp_pong')).writes).toEqual(['dbo.pings via dbo.usp_Ping', 'dbo.pongs via dbo.usp_Pong']);
    const outer = graphOf(cyc.graphs, 'dbo.usp_outer');
    for (const s of outer.steps.filter((x) => x.kind === 'exec-dynamic' || x.label.toLowerCase().includes('usp_purge'))) expect(s.through).toBeUndefined();
    expect(outer.steps.filter((s) => s.kind === 'exec-dynamic')).toHaveLength(2);
    expect(effects(outer, execOf(outer, 'usp_pong')).writes).toEqual(['dbo.pings via dbo.usp_Ping', 'dbo.pongs via dbo.usp_Pong']);
    expect(cyc.json.objectsDetail.find((d) => d.name === 'dbo.usp_outer')).toMatchObject({ reads: [], writes: [] });
  });

  it('gives the same graphs in three steps over data that crossed threads (as `migrate analyze` on worker threads runs it)', () => {
    // Each builder thread sends its procedures' own effects; the main thread runs the fixpoint and
    // sends the result back: both cross by structured clone, so they must be plain data.
    const units = sources.map((s) => splitScript(parseScript(s.text, { file: s.file }), 'dbo'));
    const context = setContextOf(units, 'dbo');
    const built = markDuplicateDefinitions(units.flatMap((u) => analyzeFile(u, context).defined)).graphs;
    const own = built.filter((g) => g.object.kind === 'procedure' && g.object.duplicate?.current !== false).map((g) => structuredClone(procedureEffectsOf(g)));
    const effects = calleeEffectsByName(structuredClone(calleeEffectsOf(own)));
    const threaded = built.map((g) => applyCalleeEffects(g, effects));
    expect(threaded).toEqual(result.graphs);
    // and the EXECs did take effects (the check above is not of graphs that call nothing)
    expect(threaded).not.toEqual(built);
  });
});
