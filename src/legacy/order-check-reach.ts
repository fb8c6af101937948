import type { Node, ParsedScript, Statement } from '../tsql';
import { walk } from '../tsql';
import { outputParameterColumn, readableTableName } from './baseline-names';
import { collectProcedures, type EmulationResult } from './emulator/emulate-procedure';
import { assignsVariable, sectionFootprint, sectionTableKey } from './emulator/section/section-statements';
import { normalizeObjectName } from './legacy-run';

/*
 * Which of the unordered reads the order check met reach which output column, so that a column's
 * cause names only those (a summary table's cause citing a report SELECT's STRING_AGG three
 * statements later sent people to the wrong code). Followed statically over the procedure's
 * statements, table and variable by table and variable: a statement holding a read, reading what
 * such a statement wrote, or run under a condition that does, writes what its values reach; loops
 * are followed to a fixpoint. Where the walk cannot follow the values (an EXEC or dynamic SQL, a
 * user function or trigger, GOTO, an early exit a reached value decides, a read outside the
 * procedure's own text, a result set under IF or WHILE, whose number the run decides) a read is
 * taken to reach every column: a longer cause costs a look, a missing one misleads.
 */

/** What one read's values may reach: output tables (keys), result sets (0-based, in the run's numbering), variables (lower-cased). */
interface Reach {
  readonly names: ReadonlySet<string>;
  readonly resultSets: ReadonlySet<number>;
}

/**
 * For each column of `columns` (named as the manifest names them), the reads among `first`'s that
 * may reach it, as `cause` words them (`cause(readsText)`). A column no followed read reaches
 * (which the walk would have missed) gets every read.
 */
export function causesByColumn(scripts: readonly ParsedScript[], procedure: string, first: EmulationResult, columns: readonly string[], named: (reads: readonly string[]) => string): Map<string, string[]> {
  const reads = [...new Set(first.unorderedReads)];
  const reach = reachWalker(scripts, procedure, first);
  const reachOf = new Map(reads.map((r) => [r, reach(r)]));
  const keyOf = columnKeys(first);
  const out = new Map<string, string[]>();
  for (const column of columns) {
    const reaching = reads.filter((r) => reaches(reachOf.get(r), keyOf.get(column)));
    out.set(column, [named(reaching.length > 0 ? reaching : reads)]);
  }
  return out;
}

/**
 * The output columns of `first` (named as the manifest names them) that a value computed at
 * `place` (`file:line:col` in the procedure's own file) may reach: every column where the walk
 * cannot follow it.
 */
export function columnsReachedFrom(scripts: readonly ParsedScript[], procedure: string, first: EmulationResult, place: string): string[] {
  const reach = reachWalker(scripts, procedure, first)(place);
  return [...columnKeys(first)].filter(([, key]) => reaches(reach, key)).map(([column]) => column);
}

/** What a read (its text naming `file:line:col`) reaches in the procedure, the procedure and the scripts' triggers collected once for every read. */
function reachWalker(scripts: readonly ParsedScript[], procedure: string, first: EmulationResult): (read: string) => Reach | undefined {
  const loaded = collectProcedures(scripts).get(normalizeObjectName(procedure));
  const triggered = triggerTables(scripts);
  return (read) => (loaded === undefined ? undefined : readReach(loaded.procedure.body, loaded.script, read, first.resultSets.length, triggered));
}

/** Whether a read's reach (undefined: unknown, so everything) takes in the output a column key names. */
function reaches(reach: Reach | undefined, key: string | undefined): boolean {
  if (reach === undefined || key === undefined) return true;
  return key.startsWith('r:') ? reach.resultSets.has(Number(key.slice(2))) : reach.names.has(key);
}

/** Each output column of a run (named as the manifest names them) -> the output it belongs to (`t:table`, `r:result set`, `v:@parameter`). */
function columnKeys(first: EmulationResult): Map<string, string> {
  const keyOf = new Map<string, string>();
  for (const t of first.outputs) {
    const info = first.tables.get(t.name);
    for (const c of t.columns) keyOf.set(`${info === undefined ? t.name : readableTableName(info.sqlName)}.${c}`, `t:${sectionTableKey(t.name)}`);
  }
  first.resultSets.forEach((rs, i) => { for (const c of rs.columns) keyOf.set(`result-set-${i + 1}.${c}`, `r:${i}`); });
  for (const p of first.outputParameters ?? []) keyOf.set(outputParameterColumn(p.name), `v:${p.name.toLowerCase()}`);
  return keyOf;
}

/** Where a read's text places it in the procedure's own file (`file:line:col`), each place; empty when none is there. */
function placesIn(read: string, file: string): { line: number; column: number }[] {
  const out: { line: number; column: number }[] = [];
  let at = read.indexOf(`${file}:`);
  while (at >= 0) {
    const m = /^:(\d+):(\d+)/.exec(read.slice(at + file.length));
    if (m !== null) out.push({ line: Number(m[1]), column: Number(m[2]) });
    at = read.indexOf(`${file}:`, at + 1);
  }
  return out;
}

function readReach(body: readonly Statement[], script: ParsedScript, read: string, resultSetCount: number, triggered: ReadonlySet<string>): Reach | undefined {
  const places = placesIn(read, script.file);
  if (places.length === 0) return undefined;
  const holdsRead = (n: Node): boolean => places.some((p) => covers(n, p.line, p.column));
  const names = new Set<string>();
  const reached = new Set<Node>();
  // result-set SELECTs in text order; the run numbers them so only when each runs exactly once
  const resultSelects: Node[] = [];
  let numbered = true;
  let unknown = false;
  const visit = (list: readonly Statement[], controlled: boolean, loopOrBranch: boolean): void => {
    for (const s of list) {
      if (unknown) return;
      switch (s.kind) {
        case 'Block': visit(s.statements, controlled, loopOrBranch); break;
        case 'TryCatch': {
          visit(s.tryStatements, controlled, loopOrBranch);
          // whether CATCH runs may depend on the values the TRY block met
          visit(s.catchStatements, controlled || names.size > 0, true);
          break;
        }
        case 'If': case 'While': {
          const c = controlled || holdsRead(s.condition) || readsOf(s.condition).some((x) => names.has(x));
          visit(s.kind === 'If' ? [s.then, ...(s.else ? [s.else] : [])] : [s.body], c, true);
          break;
        }
        case 'Goto': case 'Execute': unknown = true; break;
        // a COMMIT or ROLLBACK a reached value decides keeps or undoes writes the walk does not list
        case 'Return': case 'Break': case 'Continue': case 'Throw': case 'Raiserror': case 'Transaction':
          if (controlled || holdsRead(s)) unknown = true;
          break;
        default: {
          // a trigger's writes (and what it reads) are not followed, whichever rows fire it
          if (callsUserCode(s) || writesOf(s).some((w) => triggered.has(w))) { unknown = true; break; }
          const isResult = s.kind === 'Select' && s.body.kind === 'QuerySpec' && s.body.into === undefined && !s.body.items.some((i) => i.kind === 'SelectAssignment');
          if (isResult && !resultSelects.includes(s)) { resultSelects.push(s); if (loopOrBranch) numbered = false; }
          if (!(controlled || holdsRead(s) || readsOf(s).some((x) => names.has(x)))) break;
          reached.add(s);
          for (const w of writesOf(s)) names.add(w);
        }
      }
    }
  };
  // to a fixpoint: a loop's later statement may feed an earlier one on the next pass
  let size = -1;
  while (!unknown && names.size + reached.size !== size) {
    size = names.size + reached.size;
    visit(body, false, false);
  }
  if (unknown) return undefined;
  if (!numbered || resultSelects.length !== resultSetCount) return { names, resultSets: new Set(resultSelects.map((_, i) => i)) };
  return { names, resultSets: new Set(resultSelects.flatMap((s, i) => (reached.has(s) ? [i] : []))) };
}

function covers(n: Node, line: number, column: number): boolean {
  const { start, end } = n.span;
  const after = line > start.line || (line === start.line && column >= start.column);
  const before = line < end.line || (line === end.line && column <= end.column);
  return after && before;
}

/** `@@ROWCOUNT`, `@@ERROR`, `SCOPE_IDENTITY()` and such: what the previous statement left. */
const OUTCOME = 's:outcome';

/** Tables (`t:key`), variables (`v:@name`), cursors (`c:name`) and outcomes a statement or condition reads. */
function readsOf(n: Node): string[] {
  const out = [...sectionFootprint([n as Statement]).reads.keys()].map((k) => `t:${k}`);
  walk(n, (x, parent) => {
    if (x.kind === 'Variable' && !assignsVariable(x, parent)) out.push(`v:${x.name.toLowerCase()}`);
    if (x.kind === 'SystemVariable') out.push(x.name.toUpperCase() === '@@FETCH_STATUS' ? 's:fetch' : OUTCOME);
    if (x.kind === 'FunctionCall' && /^(SCOPE_IDENTITY|IDENT_CURRENT)$/i.test(x.name.parts.map((p) => p.name).join('.'))) out.push(OUTCOME);
    if (x.kind === 'Fetch' || x.kind === 'OpenCursor') out.push(`c:${x.cursor.name.toLowerCase()}`);
    return undefined;
  });
  return out;
}

/** What a statement sets: the tables it writes, variables it assigns, a cursor it declares or opens, the outcome. */
function writesOf(s: Statement): string[] {
  const out = [...sectionFootprint([s]).writes].map((k) => `t:${k}`);
  walk(s, (x, parent) => {
    if (x.kind === 'Variable' && assignsVariable(x, parent)) out.push(`v:${x.name.toLowerCase()}`);
    return undefined;
  });
  if (s.kind === 'DeclareCursor') out.push(`c:${s.name.toLowerCase()}`);
  if (s.kind === 'Fetch') out.push('s:fetch');
  out.push(OUTCOME);
  return out;
}

/** A call into code the walk does not follow: a user function (a schema-qualified call), INSERT … EXEC, a cursor variable. */
function callsUserCode(s: Statement): boolean {
  let found = false;
  walk(s, (x) => {
    if ((x.kind === 'FunctionCall' && x.name.parts.length > 1) || x.kind === 'Execute') found = true;
    if (x.kind === 'SetVariable' && x.cursor !== undefined) found = true;
    return undefined;
  });
  return found;
}

/** The tables (`t:key`) a DML trigger of the scripts is on: what it writes the walk does not follow. */
function triggerTables(scripts: readonly ParsedScript[]): Set<string> {
  const out = new Set<string>();
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const st of batch.statements) {
        if (st.kind === 'CreateTrigger' && st.table !== undefined) out.add(`t:${sectionTableKey(st.table.parts.map((p) => p.name).join('.'))}`);
      }
    }
  }
  return out;
}
