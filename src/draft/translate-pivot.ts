import type { ColumnRef, Expression, Identifier, Literal, Pivot, TableSource, Unpivot } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal } from './draft-model';
import { DraftScope, freshName, locatedStop, refuseAt, type SourceBinding } from './draft-scope';
import { collationKey, equatedTextStop, quoteName, stringLiteral } from './sql-text';
import { translateExpression } from './translate-expression';

/*
 * PIVOT and UNPIVOT as SQL Server defines them.
 *
 * `src PIVOT (AGG(v) FOR c IN ([x], [y])) p`: the source's rows grouped by every column of it
 * other than v and c (the implicit grouping), one column per listed value holding
 * AGG(CASE WHEN c = value THEN v END): the value read as c's type, text compared as the collation
 * compares it. A text grouping column is grouped by its collation key, as GROUP BY groups it;
 * the group's value is its spelling when it has one, and a group holding two spellings (which
 * SQL Server shows one of, not defined which) stops the query naming the PIVOT's file:line:col,
 * as SELECT DISTINCT does (translate-distinct.ts).
 *
 * `src UNPIVOT (v FOR c IN (a, b)) u`: one row per listed column of each source row whose value
 * is not NULL (SQL Server drops those), c holding the column's name as the IN list writes it
 * (nvarchar(128)) and v its value; the other columns repeat. The listed columns must share one
 * type (SQL Server's error 8167 otherwise): the draft refuses when they do not.
 */

export const PIVOT_SPELLINGS = 'PIVOT groups its other columns: text values equal under the collation but spelled differently (case, trailing blanks) in one group, of which SQL Server shows one spelling, not defined which';

const NAME_TYPE = { family: 'string', unicode: true, length: 128 } as const;

type Level = () => DraftScope;

/** The pivoted (or unpivoted) rows as a FROM item, bound in `sources` under the operator's alias. */
export function translatePivoting(src: Pivot | Unpivot, level: Level, sources: SourceBinding[], translateSource: (s: TableSource, l: Level, b: SourceBinding[]) => string | Refusal): string | Refusal {
  const ctx = level().ctx;
  const inner: SourceBinding[] = [];
  const outer = level().outer;
  const innerLevel = (): DraftScope => new DraftScope(ctx, inner, outer);
  const from = translateSource(src.source, innerLevel, inner);
  if (isRefusal(from)) return from;
  const bound = inner[0];
  if (inner.length !== 1 || bound === undefined) return refuseAt(ctx, src.span, src.kind === 'Pivot' ? 'PIVOT' : 'UNPIVOT', 'only one table or derived table as its source is translated');
  const scope = innerLevel();
  const ref = (name: string, span: Identifier['span']): ColumnRef => ({ kind: 'ColumnRef', parts: [{ kind: 'Identifier', name: bound.alias, quote: 'bracket', span }, { kind: 'Identifier', name, quote: 'bracket', span }], span });
  const r = src.kind === 'Pivot' ? pivot(src, scope, bound, from, ref) : unpivot(src, scope, bound, from, ref);
  if (isRefusal(r)) return r;
  const alias = src.alias?.name ?? freshName(ctx, src.kind.toLowerCase());
  const sqlAlias = /^[A-Za-z_][A-Za-z0-9_]*$/.test(alias) ? alias : freshName(ctx, alias);
  sources.push({ alias, tableKey: undefined, aliased: true, sqlAlias, columns: r.columns });
  return `(${r.sql}) ${quoteName(sqlAlias)}(${r.columns.map((c) => quoteName(c.name)).join(', ')})`;
}

type Built = { sql: string; columns: DraftColumn[] } | Refusal;
type Ref = (name: string, span: Identifier['span']) => ColumnRef;

function pivot(p: Pivot, scope: DraftScope, bound: SourceBinding, from: string, ref: Ref): Built {
  const ctx = scope.ctx;
  const valueArg = p.aggregate.args[0];
  if (valueArg === undefined || valueArg.kind !== 'ColumnRef' || p.aggregate.args.length !== 1 || p.aggregate.distinct) return refuseAt(ctx, p.aggregate.span, 'PIVOT', 'only an aggregate of one column is translated');
  const valueName = (valueArg.parts[valueArg.parts.length - 1]?.name ?? '').toLowerCase();
  const forName = (p.forColumn.parts[p.forColumn.parts.length - 1]?.name ?? '').toLowerCase();
  const forColumn = bound.columns.find((c) => c.name.toLowerCase() === forName);
  if (!forColumn) return refuseAt(ctx, p.forColumn.span, `PIVOT FOR ${forName}`, 'the source has no such column');
  if (!bound.columns.some((c) => c.name.toLowerCase() === valueName)) return refuseAt(ctx, valueArg.span, `PIVOT ${valueName}`, 'the source has no such column');
  const stop = stringLiteral(locatedStop(ctx, p.span, PIVOT_SPELLINGS));
  const items: string[] = [];
  const keys: string[] = [];
  const columns: DraftColumn[] = [];
  for (const g of bound.columns.filter((c) => c.name.toLowerCase() !== valueName && c.name.toLowerCase() !== forName)) {
    const v = translateExpression(ref(g.name, p.span), scope);
    if (isRefusal(v)) return v;
    const text = v.type.family === 'string';
    items.push(text ? `CASE WHEN count(DISTINCT encode(${v.sql})) > 1 THEN error(${stop}) ELSE min(${v.sql}) END` : v.sql);
    keys.push(text ? collationKey(v.sql, locatedStop(ctx, p.span, equatedTextStop('PIVOT'))) : v.sql);
    columns.push({ name: g.name, type: v.type });
  }
  const forRef = ref(forColumn.name, p.forColumn.span);
  const valueRef = ref(valueArg.parts[valueArg.parts.length - 1]?.name ?? '', valueArg.span);
  for (const value of p.values) {
    const literal = literalFor(value, forColumn);
    if (literal === undefined) return refuseAt(ctx, value.span, `PIVOT … IN ([${value.name}])`, `the value is not one of the FOR column's type (${forColumn.type.family}); SQL Server converts it`);
    const when: Expression = { kind: 'Binary', operator: '=', left: forRef, right: literal, span: value.span };
    const picked: Expression = { kind: 'Case', operand: undefined, whens: [{ kind: 'CaseWhen', when, then: valueRef, span: value.span }], else: undefined, span: value.span };
    const agg = translateExpression({ ...p.aggregate, args: [picked] }, scope);
    if (isRefusal(agg)) return agg;
    items.push(agg.sql);
    columns.push({ name: value.name, type: agg.type });
  }
  return { sql: `SELECT ${items.join(',\n       ')}\nFROM ${from}${keys.length > 0 ? `\nGROUP BY ${keys.join(', ')}` : ''}`, columns };
}

/** An IN value as a literal of the FOR column's type: numbers for a number column, else text; undefined when it is neither. */
function literalFor(v: Identifier, forColumn: DraftColumn): Literal | undefined {
  const family = forColumn.type.family;
  if (family === 'string') return { kind: 'Literal', literalType: 'string', value: v.name, span: v.span };
  if (family === 'int' && /^-?\d+$/.test(v.name)) return { kind: 'Literal', literalType: 'integer', value: v.name, span: v.span };
  if (family === 'decimal' && /^-?\d*\.?\d+$/.test(v.name)) return { kind: 'Literal', literalType: /\./.test(v.name) ? 'decimal' : 'integer', value: v.name, span: v.span };
  return undefined;
}

function unpivot(u: Unpivot, scope: DraftScope, bound: SourceBinding, from: string, ref: Ref): Built {
  const ctx = scope.ctx;
  const listed = new Set(u.columns.map((c) => c.name.toLowerCase()));
  const others: { sql: string; column: DraftColumn }[] = [];
  for (const c of bound.columns.filter((x) => !listed.has(x.name.toLowerCase()))) {
    const v = translateExpression(ref(c.name, u.span), scope);
    if (isRefusal(v)) return v;
    others.push({ sql: v.sql, column: { name: c.name, type: v.type } });
  }
  const values: { name: string; sql: string }[] = [];
  let valueType: DraftColumn['type'] | undefined;
  for (const c of u.columns) {
    const v = translateExpression(ref(c.name, c.span), scope);
    if (isRefusal(v)) return v;
    if (valueType !== undefined && JSON.stringify(valueType) !== JSON.stringify(v.type)) {
      return refuseAt(ctx, c.span, `UNPIVOT … IN (${c.name})`, 'the listed columns differ in type (SQL Server: error 8167)');
    }
    valueType = v.type;
    values.push({ name: c.name, sql: v.sql });
  }
  if (valueType === undefined) return refuseAt(ctx, u.span, 'UNPIVOT', 'no columns listed');
  const parts = values.map((v) => `SELECT ${[...others.map((o) => o.sql), stringLiteral(v.name), v.sql].join(', ')}\nFROM ${from}\nWHERE ${v.sql} IS NOT NULL`);
  const columns: DraftColumn[] = [...others.map((o) => o.column), { name: u.forColumn.name, type: NAME_TYPE }, { name: u.valueColumn.name, type: valueType }];
  return { sql: parts.join('\nUNION ALL\n'), columns };
}
