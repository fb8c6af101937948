import { baseName, findAll, isTempName, normalizeObjectName, splitObjectName, type Node, type Statement, type TableRef, type TableTarget } from '../../../tsql';
import { normalizeObjectName as normalizeWrittenName } from '../../legacy-run';
import type { CrossEntityRead } from './cross-entity-reads';

// Which reads across entities (cross-entity-reads.ts) reach a section's @output rows, the rows
// `migrate test`'s entity-independence proof compares: `sections check` fails an `@entity`
// section for those (check-entity-reads.ts), and leaves the rest to record's note.

/** The simple statements of a statement list, through BEGIN … END, IF, WHILE and TRY … CATCH. */
function leafStatements(statements: readonly Statement[]): Statement[] {
  return statements.flatMap((st): Statement[] => {
    switch (st.kind) {
      case 'Block': return leafStatements(st.statements);
      case 'If': return leafStatements(st.else === undefined ? [st.then] : [st.then, st.else]);
      case 'While': return leafStatements([st.body]);
      case 'TryCatch': return leafStatements([...st.tryStatements, ...st.catchStatements]);
      default: return [st];
    }
  });
}

/** The variables a statement sets and nothing else (`SELECT @Total = SUM(…)`, `SET @x = …`, `DECLARE @x = …`); undefined for one that writes rows, returns a result, or steers control. */
function variablesOnlySet(st: Statement): string[] | undefined {
  if (st.kind === 'SetVariable') return st.cursor === undefined ? [st.variable.name.toLowerCase()] : undefined;
  if (st.kind === 'Declare') return findAll(st, 'VariableDeclaration').map((d) => d.variable.name.toLowerCase());
  if (st.kind !== 'Select' || st.body.kind !== 'QuerySpec' || st.body.into !== undefined) return undefined;
  const items = st.body.items;
  return items.length > 0 && items.every((i) => i.kind === 'SelectAssignment') ? items.map((i) => (i.kind === 'SelectAssignment' ? i.variable.name.toLowerCase() : '')) : undefined;
}

/** A table's key for matching a statement's target to a section's @output: `#name`, `@name`, `schema.name` (lower-case, unbracketed). */
function targetKey(t: TableTarget | TableRef): string | undefined {
  if (t.kind === 'TableVariableRef') return t.variable.name.toLowerCase();
  if (t.kind !== 'TableRef') return undefined;
  return isTempName(t.name) ? baseName(t.name).toLowerCase() : normalizeObjectName(t.name);
}

/** An @output as a spec writes it (`dbo.[Region Quota Stat]`, `[#City Changes]`, `@Totals`, `result`), keyed as targetKey keys a table. */
function outputKey(written: string): string {
  if (written.startsWith('@') || /^result\d*$/i.test(written)) return written.toLowerCase();
  const parts = splitObjectName(written);
  const last = parts[parts.length - 1] ?? written;
  return last.startsWith('#') ? last.toLowerCase() : normalizeWrittenName(written);
}

/** The table a data statement writes, through an UPDATE's or DELETE's alias (`UPDATE t SET … FROM dbo.X t`). */
function writtenKey(st: Statement): string | undefined {
  if (st.kind === 'Select') return st.body.kind === 'QuerySpec' && st.body.into !== undefined ? targetKey(st.body.into) : 'result';
  if (st.kind !== 'Insert' && st.kind !== 'Update' && st.kind !== 'Delete' && st.kind !== 'Merge') return undefined;
  const target = st.target;
  if (target.kind === 'TableRef' && target.name.parts.length === 1) {
    const alias = findAll(st, 'TableRef').find((r) => r !== target && r.alias?.name.toLowerCase() === target.name.parts[0]?.name.toLowerCase());
    if (alias !== undefined) return targetKey(alias);
  }
  return targetKey(target);
}

/**
 * The reads among `reads` whose result reaches the section's @output rows: those in a statement
 * that writes an output table or returns the result set, and those setting a variable such a
 * statement reads (directly or through other variables). The rest set a value the section hands
 * on (`SELECT @Loads = COUNT(*) FROM dbo.Shipment`), or fill a table the section builds for itself
 * or steer its flow (`ROW_NUMBER() OVER (ORDER BY City)` into the #temp a cursor is ordered by):
 * whether that reaches the outputs the statements alone do not tell.
 */
export function readsReachingRows(statements: readonly Statement[], reads: readonly CrossEntityRead[], outputs: readonly string[]): CrossEntityRead[] {
  const leaves = leafStatements(statements);
  const wanted = new Set(outputs.map(outputKey));
  const writesOutput = (st: Statement): boolean => { const key = writtenKey(st); return key !== undefined && (wanted.has(key) || (key === 'result' && [...wanted].some((o) => /^result\d*$/.test(o)))); };
  const holder = (node: Node): Statement | undefined => leaves.find((st) => st.span.start.offset <= node.span.start.offset && node.span.end.offset <= st.span.end.offset);
  // the variables set from each read, grown by the values computed from them
  const reaches = (r: CrossEntityRead): boolean => {
    const st = holder(r.node);
    if (st === undefined) return false;
    if (writesOutput(st)) return true;
    const tainted = new Set(variablesOnlySet(st) ?? []);
    for (let grew = tainted.size > 0; grew;) {
      grew = false;
      for (const other of leaves) {
        const set = variablesOnlySet(other);
        if (set === undefined || set.every((v) => tainted.has(v)) || !findAll(other, 'Variable').some((v) => tainted.has(v.name.toLowerCase()) && !set.includes(v.name.toLowerCase()))) continue;
        for (const v of set) tainted.add(v);
        grew = true;
      }
    }
    return leaves.some((other) => writesOutput(other) && findAll(other, 'Variable').some((v) => tainted.has(v.name.toLowerCase())));
  };
  return reads.filter(reaches);
}
