import { findAll, type Expression, type Node, type TableSource } from '../../tsql';
import { tableKeyOf } from '../translate-query';
import { conjuncts } from './ast-build';
import type { Walk } from './entity-statements';
import { sameExpression } from './loop-levels';
import { refuse, varKey, type IdiomRefusal } from './loop-shape';

// What the statements of a cursor over entities read of the tables the loop writes, keyed to the
// entity: each such read must be restricted to the entity's own rows (or the iterations, run at
// once for all entities, would see each other's writes). Split from entity-statements.ts.

/** The written tables an expression or statement reads (recorded as references to check). */
export function writtenRead(w: Walk, n: Node, extraEqual: readonly Expression[] = []): Set<string> {
  const out = new Set<string>();
  const specs = [...findAll(n, 'QuerySpec')];
  for (const spec of specs) recordReads(w, spec.from, conjuncts(spec.where), extraEqual, out);
  return out;
}

/** Records each written table among `from` with the columns its alias is equated to the entity's key on. */
export function recordReads(w: Walk, from: readonly TableSource[], where: readonly Expression[], equalToKey: readonly Expression[], out: Set<string>): void {
  const ons: Expression[] = [];
  const refs: { key: string; alias: string; node: Node }[] = [];
  const visit = (src: TableSource): void => {
    if (src.kind === 'Join') { visit(src.left); visit(src.right); if (src.on) ons.push(...conjuncts(src.on)); return; }
    if (src.kind !== 'TableRef' && src.kind !== 'TableVariableRef') return;
    const key = tableKeyOf(src);
    if (!w.written.has(key)) return;
    const alias = (src.alias?.name ?? (src.kind === 'TableRef' ? (src.name.parts[src.name.parts.length - 1]?.name ?? '') : src.variable.name)).toLowerCase();
    refs.push({ key, alias, node: src });
  };
  for (const f of from) visit(f);
  const isKey = (e: Expression): boolean => (e.kind === 'Variable' && varKey(e) === w.key) || equalToKey.some((x) => sameExpression(x, e));
  for (const ref of refs) {
    out.add(ref.key);
    const columns = new Set<string>();
    for (const c of [...where, ...ons]) {
      if (c.kind !== 'Binary' || c.operator !== '=') continue;
      for (const [a, b] of [[c.left, c.right], [c.right, c.left]] as const) {
        if (a.kind === 'ColumnRef' && a.parts.length === 2 && (a.parts[0]?.name ?? '').toLowerCase() === ref.alias && isKey(b)) columns.add((a.parts[1]?.name ?? '').toLowerCase());
        if (a.kind === 'ColumnRef' && a.parts.length === 1 && refs.length === 1 && isKey(b)) columns.add((a.parts[0]?.name ?? '').toLowerCase());
      }
    }
    w.restricted.push({ table: ref.key, columns, node: ref.node });
  }
}

/** Refuses a statement under an IF whose condition reads a table an earlier statement of the IF changed. */
export function conditionStillHolds(w: Walk, at: Node): IdiomRefusal | undefined {
  for (const g of w.ifs) {
    const clash = w.writes.slice(g.start).find((x) => g.reads.has(x.table));
    if (clash) return refuse(at, `the IF's condition (line ${g.node.span.start.line}) reads ${clash.table}, which an earlier statement inside the IF changed: the condition would not hold as the IF tested it`);
  }
  return undefined;
}

/** Fixes (or checks) the column a written table is partitioned on. */
export function partitionOn(w: Walk, table: string, column: string, node: Node): IdiomRefusal | undefined {
  const p = w.partition.get(table);
  if (!p) { w.partition.set(table, { column: column.toLowerCase(), node }); return undefined; }
  if (p.column !== column.toLowerCase()) return refuse(node, `${table} is written per entity by ${p.column} elsewhere in the loop, by ${column} here`);
  return undefined;
}
