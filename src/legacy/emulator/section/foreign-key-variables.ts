import { findAll, type Expression, type Node, type Statement } from '../../../tsql';

/**
 * The variables (lower-case) of `statements` that hold a value of another column than the
 * entity's: fetched from a cursor's column (`FETCH … INTO @Code, @Parent` of `SELECT [Cost Centre],
 * [Parent Cost Centre] …`) or assigned one (`SELECT @Mgr = e.[Manager Id]`, `SET @Mgr = (SELECT
 * e.[Manager Id] …)`). Compared with the entity's column (`WHERE [Cost Centre] = @Parent`) such a
 * variable names another entity's row, which one entity's slice does not hold; a variable only ever
 * given the entity's column, a parameter, or a constant pins the rows to one entity.
 */
export function foreignKeyVariables(statements: readonly Statement[], entity: string): ReadonlySet<string> {
  // `CustomerId` and `[Customer ID]` are one column to the slicing (section-key-columns.ts)
  const spelled = (name: string): string => name.toLowerCase().replace(/[\s_]/g, '');
  const wanted = spelled(entity);
  const foreign = new Set<string>();
  const isForeign = (e: Expression | undefined): boolean => {
    if (e === undefined) return false;
    const refs = e.kind === 'ColumnRef' ? [e] : findAll(e, 'ColumnRef');
    return refs.some((c) => spelled(c.parts[c.parts.length - 1]?.name ?? '') !== wanted);
  };
  const firstItem = (e: Expression): Expression | undefined => {
    if (e.kind !== 'Subquery' || e.query.body.kind !== 'QuerySpec') return e;
    const item = e.query.body.items[0];
    return item?.kind === 'SelectItem' ? item.expression : undefined;
  };
  const cursors = new Map<string, readonly (Expression | undefined)[]>();
  for (const st of statements as readonly Node[]) {
    for (const d of findAll(st, 'DeclareCursor')) {
      const body = d.query.body;
      if (body.kind === 'QuerySpec') cursors.set(d.name.toLowerCase(), body.items.map((i) => (i.kind === 'SelectItem' ? i.expression : undefined)));
    }
  }
  for (const st of statements as readonly Node[]) {
    for (const f of findAll(st, 'Fetch')) {
      const items = cursors.get(f.cursor.name.toLowerCase());
      // a cursor declared out of sight (a statement judged alone) says nothing of its columns
      f.into.forEach((v, i) => { if (items !== undefined && isForeign(items[i])) foreign.add(v.name.toLowerCase()); });
    }
    for (const a of findAll(st, 'SelectAssignment')) if (isForeign(a.expression)) foreign.add(a.variable.name.toLowerCase());
    for (const s of findAll(st, 'SetVariable')) if (s.value !== undefined && isForeign(firstItem(s.value))) foreign.add(s.variable.name.toLowerCase());
  }
  return foreign;
}

/**
 * The conditions of `statement` that pick another entity's row by such a variable: `WHERE [Cost
 * Centre] = @Parent` in a query, an UPDATE or a DELETE (the parent's sort key read in the child's
 * pass), each with the variable, as the note names them.
 */
export function foreignKeyLookups(statement: Statement, entity: string, foreign: ReadonlySet<string>): { readonly node: Node; readonly variable: string }[] {
  if (foreign.size === 0) return [];
  const spelled = (name: string): string => name.toLowerCase().replace(/[\s_]/g, '');
  const wanted = spelled(entity);
  const isEntity = (e: Expression): boolean => e.kind === 'ColumnRef' && spelled(e.parts[e.parts.length - 1]?.name ?? '') === wanted;
  const foreignIn = (e: Expression): string | undefined => (e.kind === 'Variable' ? [e] : findAll(e, 'Variable')).find((v) => foreign.has(v.name.toLowerCase()))?.name;
  const conditions = [...findAll(statement as Node, 'QuerySpec').map((q) => q.where), ...findAll(statement as Node, 'Update').map((u) => u.where), ...findAll(statement as Node, 'Delete').map((d) => d.where)];
  const out: { node: Node; variable: string }[] = [];
  for (const where of conditions) {
    if (where === undefined) continue;
    for (const c of new Set<Expression>([where, ...findAll(where, 'Binary')])) {
      if (c.kind !== 'Binary' || c.operator !== '=') continue;
      const variable = isEntity(c.left) ? foreignIn(c.right) : isEntity(c.right) ? foreignIn(c.left) : undefined;
      if (variable !== undefined) out.push({ node: c, variable });
    }
  }
  return out;
}
