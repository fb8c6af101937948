import { findAll, walk, type Node, type Statement, type Variable } from '../tsql';
import { duckdbTypeOf, type ColumnType } from '../engine';
import type { SourceSpan } from '../core';
import { isRefusal, type Refusal, type Translated } from './draft-model';
import { DraftScope, refuseAt, type DraftContext } from './draft-scope';
import { castTo } from './convert-value';
import { binaryOutputText } from './binary-values';
import { assignsVariable } from './declared-start-values';
import { isTopOneOrdered } from './select-assignment';
import { quoteName } from './sql-text';
import { duckTypeOf, isCarriedAsText, sqlTypeOfColumnType, sqlTypeOfDataType, type SqlType } from './sql-types';

/*
 * The carried values of a drafted section (Transform.values: `SELECT @MaxDev = MAX(DevYear) FROM
 * #Triangle`, `SET @PeriodEnd = EOMONTH(@AsOf)`, read by a later section): each is the value the
 * section's statements leave in the variable, as the draft already substitutes it where a
 * statement reads it (an IF's CASE, another variable's expression, a lookup's no-row/one-row
 * choice that stops the query, located, on several rows), selected as one row of one column in
 * the value's declared type. Refused at the statement that sets it last where that statement
 * runs row by row or an undefined number of times (a loop, UPDATE … SET @v, FETCH), takes the
 * last of rows in an order SQL Server's plan decides (ORDER BY or TOP, but for TOP (1) … ORDER BY),
 * or the draft did not follow it: never a guess.
 */

/** A drafted value of the section: its SQL (one row, one column) or why it is left to write. */
export interface DraftedValue {
  /** As the stub declares it (`@MaxDev`). */
  readonly name: string;
  readonly sql: string | undefined;
  readonly refusals: readonly Refusal[];
}

/**
 * A value as an output column (or a carried value) of type `type` holds it: converted as SQL
 * Server converts it (decimal scale, int truncation, text length), then cast to the column's
 * DuckDB type where the draft's differs. A binary value stays its `0x…` text in a text column.
 */
export function outputValueSql(value: Translated, type: ColumnType, scope: DraftScope, at: { readonly span: SourceSpan }): string | Refusal {
  const binaryCopy = value.type.family === 'unknown' && ['binary', 'varbinary', 'image'].includes(value.type.name) && type.base === 'text';
  // geography, geometry, hierarchyid: the spec's text column holds the text the value came as, copied unchanged
  if (isCarriedAsText(value.type) && type.base === 'text') return `CAST(${value.sql} AS VARCHAR)`;
  const conv = binaryCopy ? binaryOutputText(value, scope, at) : castTo(value, sqlTypeOfColumnType(type), scope, at);
  if (isRefusal(conv)) return conv;
  const want = duckdbTypeOf(type);
  return duckTypeOf(conv.type) === want ? conv.sql : `CAST(${conv.sql} AS ${want})`;
}

/** One statement that may set the variable: the use of the variable it assigns and the statement holding it. */
interface Setter {
  readonly use: Variable;
  readonly statement: Node;
  /** The statements around it, innermost first (an IF or WHILE among them makes it conditional). */
  readonly around: readonly Node[];
}

// the statement an assignment inside a statement belongs to (a MERGE's UPDATE SET @v = … too)
const STATEMENT_OF_ASSIGNMENT: Readonly<Record<string, readonly string[]>> = { SelectAssignment: ['Select'], UpdateAssignment: ['Update', 'Merge'], ExecArgument: ['Execute'] };

/**
 * The SELECT (without the section's CTEs) of the carried value `name`, after the section's
 * statements were translated into `ctx`. A refusal names the statement and why.
 */
export function carriedValueSelect(name: string, type: ColumnType, statements: readonly Statement[], ctx: DraftContext, procedure: SourceSpan): string | Refusal {
  const key = name.toLowerCase();
  const parents = new Map<Node, Node | undefined>();
  const setters: Setter[] = [];
  let jump: Node | undefined;
  for (const s of statements) {
    walk(s, (n, parent) => {
      parents.set(n, parent);
      if ((n.kind === 'Goto' || n.kind === 'Label') && jump === undefined) jump = n;
      if (n.kind !== 'Variable' || n.name.toLowerCase() !== key) return undefined;
      const declared = parent?.kind === 'VariableDeclaration' && parent.variable === n && parent.initialValue !== undefined;
      if (!declared && !assignsVariable(n, parent)) return undefined;
      const around: Node[] = [];
      for (let p = parent; p !== undefined; p = parents.get(p)) around.push(p);
      const wanted = parent ? STATEMENT_OF_ASSIGNMENT[parent.kind] : undefined;
      const statement = wanted === undefined ? (parent as Node) : (around.find((x) => wanted.includes(x.kind)) ?? (parent as Node));
      setters.push({ use: n, statement, around });
      return undefined;
    });
  }
  const last = setters.reduce<Setter | undefined>((a, b) => (a === undefined || b.use.span.start.offset > a.use.span.start.offset ? b : a), undefined);
  if (last === undefined) return refuseAt(ctx, procedure, `${name} (value handed to later sections)`, 'no statement of the section sets it: write its SELECT by hand');
  const at = last.statement.span;
  const what = `${name} (value handed to later sections)`;
  if (jump !== undefined) return refuseAt(ctx, jump.span, `${jump.kind.toUpperCase()} (${name})`, `the section jumps: which statements set ${name} before it ends is decided at run time; write the value by hand`);
  const returned = statements.flatMap((s) => findAll(s, 'Return')).find((r) => r.span.start.offset < last.use.span.start.offset);
  if (returned !== undefined) return refuseAt(ctx, returned.span, `RETURN (${name})`, `the procedure may end before the statement that sets ${name}: write the value by hand`);
  const loop = last.around.find((x) => x.kind === 'While' && ctx.loopsRunOnce?.has(x) !== true);
  if (loop !== undefined) return refuseAt(ctx, at, what, `set inside the WHILE loop at line ${loop.span.start.line}: how often the loop runs, and so the value it leaves, is decided row by row; write the value by hand`);
  // a CATCH block runs only after an error (its TRY block is as unconditional as the statements
  // around it); an IF is the CASE the translator made of it (translate-statements.ts translateIf)
  const branch = last.around.find((x, i) => x.kind === 'TryCatch' && x.catchStatements.some((c) => c === (i === 0 ? last.use : last.around[i - 1])));
  if (branch !== undefined) return refuseAt(ctx, at, what, `set only when the CATCH block at line ${branch.span.start.line} runs: the value depends on an error; write the value by hand`);
  const how = setterShape(last, name);
  if (how !== undefined) return refuseAt(ctx, at, what, how);
  if (ctx.unknownEffects) return ctx.unknownEffects;
  const value = ctx.variables.get(key);
  if (value === undefined) return refuseAt(ctx, at, what, 'the draft did not follow the statement that sets it: write the value by hand');
  if (isRefusal(value)) return value;
  const sql = outputValueSql(value, type, new DraftScope(ctx), { span: at });
  if (isRefusal(sql)) return sql;
  return `SELECT ${sql} AS ${quoteName(name.replace(/^@/, ''))}`;
}

/** Why the last setter's kind cannot give one known value, or undefined when it can (SET, DECLARE = , SELECT of one row or none). */
function setterShape(s: Setter, name: string): string | undefined {
  switch (s.statement.kind) {
    case 'SetVariable': case 'VariableDeclaration':
      return undefined;
    case 'Select': {
      const body = s.statement.body;
      if (body.kind !== 'QuerySpec') return `SELECT ${name} = … of a ${body.kind}: not translated`;
      if (body.from.length === 0 && body.where === undefined) return undefined;
      // An aggregate without GROUP BY gives one row; a lookup keeps the value from before on no
      // row and stops the query on several, TOP (1) … ORDER BY where rows tie at the top
      // (select-assignment.ts). Other ORDER BY, TOP or GROUP BY mean several rows on purpose, and
      // SQL Server keeps the last its plan yields.
      const compound = body.items.find((i) => i.kind === 'SelectAssignment' && i.operator !== '=');
      const topOne = isTopOneOrdered(s.statement);
      const several = s.statement.orderBy.length > 0 && !topOne ? 'ORDER BY' : body.top !== undefined && !topOne ? 'TOP' : body.groupBy !== undefined ? 'GROUP BY'
        : body.distinct ? 'DISTINCT' : compound?.kind === 'SelectAssignment' ? `${compound.variable.name} ${compound.operator}` : undefined;
      return several === undefined ? undefined : `SELECT ${name} = … FROM … with ${several} reads several rows, and SQL Server keeps what the last one its plan yields leaves (an ORDER BY does not make that documented): write the value by hand`;
    }
    case 'Update': return `UPDATE … SET ${name} = …: the value is the last row's SQL Server's plan updates; write it by hand`;
    case 'Fetch': return `FETCH … INTO ${name}: a cursor's rows one by one; write the value by hand`;
    case 'Execute': return `EXEC sets ${name} (OUTPUT or return code): what the procedure gives is unknown to the draft`;
    default: return `${s.statement.kind} sets ${name}: not translated`;
  }
}

/** The declared T-SQL type of each variable the procedure declares exactly once (the type every assignment converts to). */
export function declaredVariableTypes(body: readonly Statement[]): Map<string, SqlType> {
  const seen = new Map<string, SqlType | null>();
  for (const s of body) {
    walk(s, (n) => {
      if (n.kind !== 'VariableDeclaration') return undefined;
      const k = n.variable.name.toLowerCase();
      seen.set(k, seen.has(k) ? null : sqlTypeOfDataType(n.dataType));
      return undefined;
    });
  }
  return new Map([...seen].filter((e): e is [string, SqlType] => e[1] !== null));
}
