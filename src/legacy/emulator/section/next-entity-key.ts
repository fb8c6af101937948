import { andTerms, findAll, walk, type Expression, type Node, type QuerySpec, type Select, type Statement, type TableRef, type While } from '../../../tsql';
import { assignsVariable } from './section-statements';

// The loop that replaced a cursor over the entities, walking their keys one at a time:
//   WHILE 1 = 1 BEGIN
//     SELECT TOP 1 @Item = [Item ID] FROM t WHERE [Item ID] > @Last ORDER BY [Item ID]
//     IF @@ROWCOUNT = 0 BREAK
//     … the item's statements, WHERE [Item ID] = @Item …
//     SET @Last = @Item
//   END
// or `SELECT @Item = MIN([Item ID]) FROM t WHERE [Item ID] > @Last`. Its query reads the rows of
// every entity only to pick the next key; the entity picked is then computed from its own rows,
// as under `DECLARE c CURSOR FOR SELECT DISTINCT [Item ID] …`. Run on one entity's rows it picks
// that entity, then none: it combines no rows of several entities. That holds when the query
// assigns nothing but the entity's key and walks the keys one way past the last one taken:
// ascending (`> @Last` with ORDER BY … ASC or MIN) or descending (`< @Last` with DESC or MAX). A
// walk the other way (`> @Last` with DESC takes the largest key and stops) skips entities by the
// values of others, so it stays a read across entities.

const columnName = (c: Extract<Node, { kind: 'ColumnRef' }>): string => (c.parts[c.parts.length - 1]?.name ?? '').toLowerCase();

/** `e` is a column of the entity (one of `names`, lower-case). */
const isEntityColumn = (e: Expression, names: ReadonlySet<string>): boolean => e.kind === 'ColumnRef' && names.has(columnName(e));

/** `[Item ID] > @Last` (or `@Last < [Item ID]`) for 'up', `<` for 'down': the key compared to values of no row. */
function walksPast(where: Expression | undefined, names: ReadonlySet<string>, way: 'up' | 'down'): boolean {
  if (where === undefined) return false;
  const past = way === 'up' ? '>' : '<';
  const mirrored = way === 'up' ? '<' : '>';
  const rowFree = (e: Expression): boolean => findAll(e, 'ColumnRef').length === 0 && findAll(e, 'Subquery').length === 0;
  return andTerms(where).some((c) => c.kind === 'Binary' && (
    (c.operator === past && isEntityColumn(c.left, names) && rowFree(c.right))
    || (c.operator === mirrored && isEntityColumn(c.right, names) && rowFree(c.left))));
}

/**
 * Whether `q` (with `select`, the statement whose body it is, for its ORDER BY) only picks the
 * next entity's key for a loop over the entities: `names` are the entity column's names in it.
 */
export function picksNextEntityKey(q: QuerySpec, select: Select | undefined, names: ReadonlySet<string>): boolean {
  if (q.items.length === 0 || q.groupBy !== undefined || q.having !== undefined || q.distinct || q.into !== undefined) return false;
  const assigned = q.items.map((item) => (item.kind === 'SelectAssignment' && item.operator === '=' ? item.expression : undefined));
  if (assigned.some((e) => e === undefined)) return false;
  const values = assigned as Expression[];
  if (q.top !== undefined) {
    const top = q.top;
    const only = select?.orderBy.length === 1 ? select.orderBy[0] : undefined;
    if (top.percent || top.withTies || top.expression.kind !== 'Literal' || Number(top.expression.value) !== 1) return false;
    if (only === undefined || !isEntityColumn(only.expression, names) || !values.every((e) => isEntityColumn(e, names))) return false;
    return walksPast(q.where, names, only.direction === 'DESC' ? 'down' : 'up');
  }
  const extremes = values.map((e) => (e.kind === 'FunctionCall' && e.over === undefined && !e.distinct && e.name.parts.length === 1 && e.args.length === 1 && isEntityColumn(e.args[0] as Expression, names) ? (e.name.parts[0]?.name ?? '').toUpperCase() : undefined));
  if (extremes.every((f) => f === 'MIN')) return walksPast(q.where, names, 'up');
  if (extremes.every((f) => f === 'MAX')) return walksPast(q.where, names, 'down');
  return false;
}

/** `key = @v` (either side) among the AND-conjuncts of `e`, `@v` one of `variables` (lower-case). */
function pinsKey(e: Expression | undefined, key: string, variables: ReadonlySet<string>): boolean {
  if (e === undefined) return false;
  const names = new Set([key]);
  return andTerms(e).some((c) => c.kind === 'Binary' && c.operator === '=' && (
    (isEntityColumn(c.left, names) && c.right.kind === 'Variable' && variables.has(c.right.name.toLowerCase()))
    || (isEntityColumn(c.right, names) && c.left.kind === 'Variable' && variables.has(c.left.name.toLowerCase()))));
}

/**
 * Whether a WHILE is the loop that walks the entity keys (`key`, lower-case) and computes each
 * entity from its own rows: its condition reads no table; its body picks the next key once
 * (picksNextEntityKey) into variables; every other statement reads no table (`SET @Last = @Item`,
 * `IF @@ROWCOUNT = 0 BREAK`), or is `perEntity` with each query over a table with the key
 * keeping `key = @Item`. Run on one entity's rows it computes that entity once, as the whole run
 * does; a statement the loop repeats unfiltered would run once per entity, and is refused.
 */
export function walksEntityKeys(loop: While, key: string, hasKey: (ref: TableRef) => boolean, perEntity: (s: Statement) => boolean): boolean {
  const walk = keyWalk(loop, key, hasKey, perEntity);
  return walk.walks && walk.carried === undefined;
}

/**
 * The variable a loop that would walk the entity keys sets besides the picked key and the last key
 * (`SET @Seq = @Seq + 1`), which carries a value from one entity to the next: where it is
 * assigned, so a refusal names it rather than the key pick; undefined for a loop that walks the
 * keys, or that is no key walk for another reason.
 */
export function carriedAcrossEntities(loop: While, key: string, hasKey: (ref: TableRef) => boolean, perEntity: (s: Statement) => boolean): Extract<Node, { kind: 'Variable' }> | undefined {
  const walk = keyWalk(loop, key, hasKey, perEntity);
  return walk.walks ? walk.carried : undefined;
}

function keyWalk(loop: While, key: string, hasKey: (ref: TableRef) => boolean, perEntity: (s: Statement) => boolean): { walks: boolean; carried?: Extract<Node, { kind: 'Variable' }> } {
  if (findAll(loop.condition, 'TableRef').length > 0) return { walks: false };
  const body = loop.body.kind === 'Block' ? loop.body.statements : [loop.body];
  const names = new Set([key]);
  const picks = body.filter((s): s is Select => s.kind === 'Select' && s.body.kind === 'QuerySpec' && picksNextEntityKey(s.body, s, names));
  const [pick] = picks;
  if (pick === undefined || picks.length !== 1 || pick.body.kind !== 'QuerySpec') return { walks: false };
  const variables = new Set(pick.body.items.flatMap((i) => (i.kind === 'SelectAssignment' ? [i.variable.name.toLowerCase()] : [])));
  // the loop may set only the picked key and the last key it walks past (`SET @Last = @Item`): any
  // other variable it sets may carry from one entity to the next (`SET @Seq = @Seq + 1`)
  const walked = pick.body.where === undefined ? [] : findAll(pick.body.where, 'Variable').map((v) => v.name.toLowerCase());
  const settable = new Set([...variables, ...walked]);
  let carried: Extract<Node, { kind: 'Variable' }> | undefined;
  const setsOthers = (s: Statement): void => {
    walk(s, (n, parent) => { if (carried === undefined && n.kind === 'Variable' && assignsVariable(n, parent) && !settable.has(n.name.toLowerCase())) carried = n; });
  };
  const fine = (s: Statement): boolean => {
    // noted, and the rest judged as if it were not there: the loop walks the keys but for it
    if (s !== pick && s.kind !== 'Block' && s.kind !== 'If') setsOthers(s);
    if (s === pick || s.kind === 'Break' || s.kind === 'Continue') return true;
    if (s.kind === 'Block') return s.statements.every(fine);
    if (s.kind === 'If') return findAll(s.condition, 'TableRef').length === 0 && fine(s.then) && (s.else === undefined || fine(s.else));
    if (findAll(s, 'TableRef').length === 0) return findAll(s, 'While').length === 0;
    if (findAll(s, 'While').length > 0 || !perEntity(s)) return false;
    // each query reading a table with the key keeps the picked entity's rows
    return findAll(s, 'QuerySpec').every((q) => !q.from.some((src) => findAll(src, 'TableRef').some(hasKey))
      || pinsKey(q.where, key, variables) || q.from.some((src) => findAll(src, 'Join').some((j) => pinsKey(j.on, key, variables))));
  };
  const walks = body.every(fine);
  return carried === undefined ? { walks } : { walks, carried };
}
