import type { DataFlowGraph, GraphNode, NodeAccess, Step } from '../dataflow';
import { normalizeObjectName, walk, walkTablesThroughCalls, type CalleeBodies, type Node, type ObjectName, type ParsedScript } from '../tsql';

/*
 * A procedure that reads through a user function (`FROM dbo.fnSalesOf(@Id)`, a scalar
 * `dbo.fnNet(x)` that selects from a table) or a procedure it EXECs reads those tables: a section cut around
 * the statement must be given them, and the emulator that records it runs the function over
 * them. The data-flow graph keeps the call opaque, so the sections' view of each procedure adds
 * those tables to the reads of the step that calls the function (views and functions inside it
 * followed, transitively). Without it `propose` gave no Given, `check` rejected one, and
 * `record` refused for want of it. The emulator refuses a section whose scenario lacks such a
 * table with the same walk (walkTablesThroughCalls; tablesBehindCalls in src/legacy/emulator/catalog.ts).
 */

/** The functions, views and procedures the scripts define, by normalised name, for walkTablesThroughCalls. */
function calleeBodiesOf(scripts: readonly ParsedScript[], defaultSchema: string): CalleeBodies {
  const bodies = new Map<string, readonly Node[]>();
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const st of batch.statements) {
        if (st.kind === 'CreateFunction') bodies.set(`f:${normalizeObjectName(st.name, defaultSchema)}`, [st]);
        else if (st.kind === 'CreateView') bodies.set(`v:${normalizeObjectName(st.name, defaultSchema)}`, [st.query]);
        // the definition in effect: an upgrade script's ALTER, later in the scripts, wins
        else if (st.kind === 'CreateProcedure') bodies.set(`p:${normalizeObjectName(st.name, defaultSchema)}`, [st]);
      }
    }
  }
  const lookup = (prefix: string) => (name: ObjectName): { key: string; body: readonly Node[] } | undefined => {
    const key = `${prefix}:${normalizeObjectName(name, defaultSchema)}`;
    const body = bodies.get(key);
    return body === undefined ? undefined : { key, body };
  };
  return { function: lookup('f'), view: lookup('v'), procedure: lookup('p') };
}

/** Node ids as the graph makes them for a table: `t_` and the name's letters, made unique. */
function tableNodeId(name: string, used: ReadonlySet<string>): string {
  const tail = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'x';
  let id = `t_${tail}`;
  for (let k = 2; used.has(id); k++) id = `t_${tail}_${k}`;
  return id;
}

/**
 * `graphs` with each procedure's steps that call a user function reading the function's tables
 * (new input nodes where the graph had none). Graphs without such a call are returned as they are.
 */
export function withReadsThroughFunctions(graphs: ReadonlyMap<string, DataFlowGraph>, scripts: readonly ParsedScript[], defaultSchema: string): Map<string, DataFlowGraph> {
  const bodies = calleeBodiesOf(scripts, defaultSchema);
  const out = new Map(graphs);
  const procedures = new Map<string, Node>();
  for (const script of scripts) for (const batch of script.batches) for (const st of batch.statements) if (st.kind === 'CreateProcedure') procedures.set(`${normalizeObjectName(st.name, defaultSchema)}\n${st.span.start.line}`, st);
  for (const [name, graph] of graphs) {
    const proc = procedures.get(`${name}\n${graph.object.lines.start}`);
    if (proc === undefined) continue;
    // Each call's line, with the tables behind it.
    const calls: { line: number; tables: Map<string, string>; columns: Map<string, string[]> }[] = [];
    walk(proc, (n) => {
      if (n.kind !== 'FunctionCall' && n.kind !== 'Execute') return undefined;
      const tables = new Map<string, string>();
      // tables a function or view reads (no graph here says which columns): all of them, even
      // where a called procedure's graph names some (`dbo.fnRate(RepId)` inside the EXEC'd
      // procedure reads [Tier Code] of the table the procedure joins for Region only)
      const wholly = new Set<string>();
      const seen = new Set([`p:${name}`]);
      walkTablesThroughCalls([n], bodies, (t, inBody) => {
        const key = normalizeObjectName(t.name, defaultSchema);
        if (!tables.has(key)) tables.set(key, t.name.parts.map((p) => p.name).join('.'));
        if (inBody === undefined || !inBody.startsWith('p:')) wholly.add(key);
      }, { direct: false, readsOnly: true }, seen);
      if (tables.size === 0) return undefined;
      // The columns a called procedure's own graph says it reads of each table (all of them,
      // `*`, for a function's: its graph is not built here).
      const columns = new Map<string, string[]>();
      for (const key of tables.keys()) {
        const used = [...seen].filter((c) => c.startsWith('p:') && c !== `p:${name}`).flatMap((c) => graphs.get(c.slice(2))?.nodes.find((x) => x.kind === 'table' && x.name === key)?.columns ?? []);
        columns.set(key, used.length > 0 && !wholly.has(key) ? [...new Set(used)].sort() : ['*']);
      }
      calls.push({ line: n.span.start.line, tables, columns });
      return undefined;
    });
    if (calls.length === 0) continue;
    const columnsOf = new Map<string, string[]>();
    for (const c of calls) for (const [key, cols] of c.columns) columnsOf.set(key, [...new Set([...(columnsOf.get(key) ?? []), ...cols])]);
    const nodes: GraphNode[] = [...graph.nodes];
    const used = new Set(nodes.map((x) => x.id));
    const nodeFor = (key: string, written: string, line: number): string => {
      const found = nodes.find((x) => x.kind === 'table' && x.name === key);
      if (found !== undefined) return found.id;
      const id = tableNodeId(key, used);
      used.add(id);
      nodes.push({ kind: 'table', id, name: key, label: written, role: 'input', columns: (columnsOf.get(key) ?? []).filter((x) => x !== '*'), line });
      return id;
    };
    const steps = graph.steps.map((step): Step => {
      const mine = calls.filter((c) => c.line >= step.lines.start && c.line <= step.lines.end);
      // The innermost step holds the call (a loop's step spans its body).
      if (mine.length === 0 || graph.steps.some((o) => o !== step && o.lines.start >= step.lines.start && o.lines.end <= step.lines.end && (o.lines.start > step.lines.start || o.lines.end < step.lines.end) && mine.some((c) => c.line >= o.lines.start && c.line <= o.lines.end))) return step;
      const reads: NodeAccess[] = [...step.reads];
      for (const c of mine) {
        for (const [key, written] of c.tables) {
          const id = nodeFor(key, written, c.line);
          const through = c.columns.get(key) ?? ['*'];
          const at = reads.findIndex((r) => r.node === id);
          // a table the statement also reads itself: the function's columns join those it names
          if (at < 0) reads.push({ node: id, columns: through });
          else reads[at] = { ...reads[at] as NodeAccess, columns: [...new Set([...(reads[at] as NodeAccess).columns, ...through])] };
        }
      }
      return { ...step, reads };
    });
    // Nodes keep the graph's order of kinds: tables first.
    const ordered = [...nodes.filter((x) => x.kind === 'table'), ...nodes.filter((x) => x.kind !== 'table')];
    out.set(name, { ...graph, nodes: ordered, steps });
  }
  return out;
}
