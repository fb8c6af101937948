import { aliasOfOnePartName, maxRecursionOf, recursiveMembers, type Cte, type Expression, type Identifier, type QueryExpression, type QuerySpec, type Select, type SelectItem } from '../../tsql';
import { quote, type SqlTranslator } from './expressions';
import { translateSelect } from './queries';
import type { ColumnType, SqlScope } from './sql-scope';
import type { TsqlType } from './tsql-types';
import { checkSetOperationOffsets } from './dates/offset-combining';
import { doubtRefusal } from './power-function';

/** The DuckDB name a CTE reference stands for while a recursive CTE is translated. */
const sqlNames = new WeakMap<SqlTranslator, Map<string, string>>();

/** The name to write in SQL for a reference to the CTE `name` (lower-case). */
export function cteSqlName(t: SqlTranslator, name: string): string {
  return sqlNames.get(t)?.get(name.toLowerCase()) ?? name;
}

/** Translated CTEs: the `WITH …` text to put before the statement, and the names to forget after it. */
export interface DefinedCtes {
  readonly sql: string;
  release(): void;
}

/** Where the emulator stops a MAXRECURSION 0 (unlimited) recursion instead of running forever. */
const UNLIMITED_CAP = 100_000;

/**
 * Translates the CTEs of a statement and makes their names visible to it. A recursive CTE
 * (a UNION ALL of anchor members and members that read the CTE itself) becomes DuckDB's
 * WITH RECURSIVE with a hidden level counter: a row at level MAXRECURSION + 1 (default 100)
 * raises SQL Server's error 530, and MAXRECURSION 0 runs until the recursion ends.
 */
export function defineCtes(t: SqlTranslator, ctes: readonly Cte[], option: string | undefined, outer: SqlScope | undefined): DefinedCtes {
  const parts: string[] = [];
  const names: string[] = [];
  let recursive = false;
  const max = maxRecursionOf(option);
  for (const cte of ctes) {
    const key = cte.name.name.toLowerCase();
    if (recursiveMembers(cte).steps.length > 0) {
      recursive = true;
      parts.push(...recursiveCte(t, cte, max, outer));
    } else {
      const q = translateSelect(t, cte.query, outer);
      const cols = cte.columns.length > 0 ? q.columns.map((c, i) => ({ ...c, name: cte.columns[i]?.name ?? c.name })) : q.columns;
      t.ctes.set(key, cols);
      const colList = cte.columns.length > 0 ? `(${cte.columns.map((c) => quote(c.name)).join(', ')})` : '';
      parts.push(`${quote(cte.name.name)}${colList} AS (${q.sql})`);
    }
    names.push(key);
  }
  return {
    sql: parts.length > 0 ? `WITH ${recursive ? 'RECURSIVE ' : ''}${parts.join(', ')} ` : '',
    release: () => { for (const n of names) t.ctes.delete(n); },
  };
}

function recursiveCte(t: SqlTranslator, cte: Cte, max: number, outer: SqlScope | undefined): string[] {
  const { operators, anchors, steps } = recursiveMembers(cte);
  if (operators.some((o) => o !== 'UNION ALL') || cte.query.orderBy.length > 0) throw t.state.unsupported(cte, 'a recursive CTE whose members are not combined by UNION ALL');
  const name = cte.name.name;
  if (anchors.length === 0) throw t.state.unsupported(cte, 'a recursive CTE without an anchor member');
  const span = cte.span;
  const id = (n: string): Identifier => ({ kind: 'Identifier', name: n, quote: 'none', span });
  const level = (e: Expression): SelectItem => ({ kind: 'SelectItem', expression: e, alias: id('__lvl'), aliasStyle: 'as', span });
  const one = (v: string): Expression => ({ kind: 'Literal', literalType: 'integer', value: v, span });
  const union = (list: QueryExpression[]): QueryExpression => list.reduce((l, r) => ({ kind: 'SetOperation', operator: 'UNION ALL', left: l, right: r, span }));
  const asSelect = (q: QueryExpression): Select => ({ ...cte.query, ctes: [], body: q });
  // The anchor decides the columns (and their types) the recursive members see.
  const anchorSpecs = anchors.map((a) => {
    if (a.kind !== 'QuerySpec') throw t.state.unsupported(a, 'a recursive CTE anchor that is not a plain SELECT');
    return { ...a, items: [...a.items, level(one('0'))] };
  });
  const anchorQuery = translateSelect(t, asSelect(union(anchorSpecs)), outer);
  const cols: ColumnType[] = anchorQuery.columns.slice(0, -1).map((c, i) => ({ ...c, name: cte.columns[i]?.name ?? c.name }));
  const key = name.toLowerCase();
  const raw = `${name}__recursive`;
  t.ctes.set(key, [...cols, { name: '__lvl', duckType: 'INTEGER', family: 'integer' }]);
  const names = sqlNames.get(t) ?? new Map<string, string>();
  sqlNames.set(t, names);
  names.set(key, raw);
  const cap = max === 0 ? UNLIMITED_CAP : max;
  let stepSql: string[];
  try {
    stepSql = steps.map((s) => {
      const alias = aliasOfOnePartName(s.from, name) as string;
      const lvl: Expression = { kind: 'ColumnRef', parts: [id(alias), id('__lvl')], span };
      const guard: Expression = { kind: 'Binary', operator: '<=', left: lvl, right: one(String(cap)), span };
      const spec: QuerySpec = {
        ...s,
        items: [...s.items, level({ kind: 'Binary', operator: '+', left: lvl, right: one('1'), span })],
        where: s.where === undefined ? guard : { kind: 'Binary', operator: 'AND', left: s.where, right: guard, span },
      };
      const q = translateSelect(t, asSelect(spec), outer);
      refuseTypeMismatch(t, cte, cols, q.columns, s);
      // a member at another offset than the anchor's would put two offsets in one column (offset-combining.ts)
      checkSetOperationOffsets(t, s, 'UNION ALL', cols, q.columns);
      return q.sql;
    });
  } finally {
    names.delete(key);
  }
  const colNames = cols.map((c) => quote(c.name));
  const message = max === 0
    ? "error('the emulator does not support a recursive CTE deeper than 100000 levels (MAXRECURSION 0)')"
    : `error('T-SQL Msg 530: The statement terminated. The maximum recursion ${max} has been exhausted before statement completion.')`;
  t.ctes.set(key, cols);
  return [
    `${quote(raw)}(${[...colNames, '"__lvl"'].join(', ')}) AS (${anchorQuery.sql} UNION ALL ${stepSql.join(' UNION ALL ')})`,
    `${quote(name)}(${colNames.join(', ')}) AS (SELECT ${colNames.join(', ')} FROM ${quote(raw)} WHERE CASE WHEN "__lvl" > ${cap} THEN ${message} ELSE TRUE END)`,
  ];
}

/**
 * A column's type as SQL Server compares an anchor's with a recursive member's (name, length,
 * precision, scale), when the emulator knows it; undefined when it does not (nothing compared).
 */
function typeText(c: ColumnType): string | undefined {
  const named = (type: TsqlType): string => {
    const name = type.name.toLowerCase() === 'numeric' ? 'decimal' : type.name.toLowerCase();
    if (type.length !== undefined) return `${name}(${type.length === -1 ? 'max' : type.length})`;
    if (type.precision !== undefined && (name === 'decimal' || name === 'datetime2' || name === 'time' || name === 'datetimeoffset')) return `${name}(${type.precision}${name === 'decimal' ? `,${type.scale ?? 0}` : ''})`;
    return name;
  };
  if (c.tsqlType !== undefined) return named(c.tsqlType);
  const duck = (c.duckType ?? '').toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(duck);
  if (c.family === 'exact' && decimal) return `decimal(${decimal[1]},${decimal[2]})`;
  if (c.family === 'integer') return ({ TINYINT: 'tinyint', UTINYINT: 'tinyint', SMALLINT: 'smallint', INTEGER: 'int', BIGINT: 'bigint' } as Record<string, string>)[duck];
  return undefined;
}

/**
 * SQL Server compiles a recursive CTE only when each column of its recursive members has the
 * anchor's type exactly (Msg 240, "Types don't match between the anchor and the recursive part",
 * before the statement runs): `x.Qty * b.QtyPer` beside `CAST(1 AS decimal(18,6))`, or
 * `x.Path + '>'` beside `CAST('' AS varchar(400))`. The emulator would cast the member's values
 * to the anchor's type and give rows SQL Server never gives, so a mismatch it can tell is refused
 * at the member's column (a type it cannot tell is not compared).
 */
function refuseTypeMismatch(t: SqlTranslator, cte: Cte, anchor: readonly ColumnType[], member: readonly ColumnType[], spec: QuerySpec): void {
  anchor.forEach((a, i) => {
    const m = member[i];
    const [at, mt] = [typeText(a), m === undefined ? undefined : typeText(m)];
    const column = cte.columns[i]?.name ?? a.name;
    // a decimal POWER on one side only: the types match under one reading of POWER's type, not the other
    if (at !== undefined && at === mt && a.precisionDoubt !== m?.precisionDoubt) throw t.state.unsupported(spec.items[i] ?? spec, doubtRefusal(`the recursive CTE ${cte.name.name}'s column ${column} (Msg 240 or not)`));
    if (at === undefined || mt === undefined || at === mt) return;
    throw t.state.unsupported(spec.items[i] ?? spec, `a recursive CTE whose recursive member gives column ${column} of ${cte.name.name} the type ${mt} where its anchor gives ${at}: SQL Server does not run it (Msg 240, types don't match between the anchor and the recursive part); CAST the member's column to ${at}`);
  });
}
