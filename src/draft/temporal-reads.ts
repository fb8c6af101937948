import type { SourceSpan } from '../core';
import { readSystemTimeClause, systemTimeHint, type Expression, type TableSource, type TemporalPeriod } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { refuseAt, type DraftScope, type TableState } from './draft-scope';
import { quoteName } from './sql-text';
import { compareValues, translateExpression } from './translate-expression';

/*
 * `t FOR SYSTEM_TIME …` over a system-versioned table reads the rows valid at other times: those
 * of t and of its history table (HISTORY_TABLE of its DDL, an input of the section beside t)
 * whose period qualifies, with SQL Server's boundaries (readSystemTimeClause, the emulator's
 * rule: AS OF x is start <= x AND end > x). The period columns are datetime2, compared as the
 * draft compares datetime2 (its fixed-width text); the clause's value converts to datetime2 as
 * castTo does it, or is refused. What the draft cannot read so is refused at the table reference.
 */

/** The relation standing for `ref` read FOR SYSTEM_TIME (undefined without the clause), or a refusal. */
export function temporalRelation(scope: DraftScope, ref: Extract<TableSource, { kind: 'TableRef' }>, key: string, state: TableState, temporal: ReadonlyMap<string, TemporalPeriod> | undefined): string | Refusal | undefined {
  const hint = systemTimeHint(ref);
  if (hint === undefined) return undefined;
  const ctx = scope.ctx;
  const written = ref.name.parts.map((p) => p.name).join('.');
  const construct = `${written} ${hint.replace(/\s+/g, ' ')}`;
  const refuse = (why: string): Refusal => refuseAt(ctx, ref.span, construct, why);
  const period = temporal?.get(key);
  if (period === undefined) return refuse('no CREATE TABLE of the scripts declares the table system-versioned (SQL Server: Msg 13544), so its history table and period columns are not known');
  if (period.start === '' || period.end === '') return refuse('its DDL names no PERIOD FOR SYSTEM_TIME columns');
  const history = ctx.tables.get(period.history);
  if (history === undefined || history.refused !== undefined) {
    return refuse(`it reads the rows of the history table ${period.historyParts.join('.')} too, which is not an input of the section: add it to the Given tables (\`sections record --from-data\` slices it from the data)`);
  }
  const column = (state0: TableState, name: string): Translated | undefined => {
    const c = state0.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
    return c === undefined ? undefined : translated(`__period.${quoteName(c.name)}`, c.type);
  };
  const start = column(state, period.start);
  const end = column(state, period.end);
  if (start === undefined || end === undefined) return refuse(`the section's rows of ${written} have no period column ${start === undefined ? period.start : period.end}`);
  const missing = state.columns.find((c) => column(history, c.name) === undefined);
  if (missing !== undefined) return refuse(`the section's rows of its history table ${period.historyParts.join('.')} have no column ${missing.name}`);
  const clause = readSystemTimeClause(hint);
  if ('unread' in clause) return refuse(`${clause.unread} is not read`);
  // The clause's expressions were read back from the hint's text: they are located at the table reference.
  const here = (e: Expression): Expression => relocated(e, ref.span);
  const test = (op: string, side: Translated, e: Expression): string | Refusal => {
    const v = translateExpression(here(e), scope);
    if (isRefusal(v)) return v;
    const c = compareValues(op, side, v, scope, here(e));
    return isRefusal(c) ? c : c.sql;
  };
  const both = (a: string | Refusal, b: string | Refusal): string | Refusal => (isRefusal(a) ? a : isRefusal(b) ? b : `(${a} AND ${b})`);
  const condition = clause.kind === 'all' ? 'TRUE'
    : clause.kind === 'as-of' ? both(test('<=', start, clause.at), test('>', end, clause.at))
      : clause.kind === 'from-to' ? both(test('<', start, clause.to), test('>', end, clause.from))
        : clause.kind === 'between' ? both(test('<=', start, clause.to), test('>', end, clause.from))
          : both(test('>=', start, clause.from), test('<=', end, clause.to));
  if (isRefusal(condition)) return condition;
  const cols = state.columns.map((c) => `__period.${quoteName(c.name)}`).join(', ');
  return `(SELECT ${cols} FROM ${state.relation} __period WHERE ${condition} UNION ALL SELECT ${cols} FROM ${history.relation} __period WHERE ${condition})`;
}

/** `e` with every node placed at `span`. */
function relocated(e: Expression, span: SourceSpan): Expression {
  return JSON.parse(JSON.stringify(e), (k: string, v: unknown) => (k === 'span' ? span : v)) as Expression;
}
