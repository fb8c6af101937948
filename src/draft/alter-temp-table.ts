import { isTempName, type AlterTable } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal } from './draft-model';
import { refuseAt, type DraftContext } from './draft-scope';
import { quoteName } from './sql-text';
import { duckTypeOf, sqlTypeOfDataType } from './sql-types';
import { addCte, setTable, targetState } from './translate-statements';

/**
 * `ALTER TABLE #t ADD c int NULL, …` after a `SELECT … INTO #t`: the legacy way of giving a
 * #temp work columns that later UPDATEs fill. The rows it holds get NULL in every new column,
 * so the draft carries the table on with those columns. Anything else an ALTER can do (a
 * DEFAULT, which WITH VALUES may or may not apply to the rows held; NOT NULL, which fails on a
 * table with rows; IDENTITY, which numbers the rows in an order nobody wrote; a computed column;
 * DROP or ALTER COLUMN; a permanent table's schema) is refused at the statement, so the refusal
 * names the ALTER rather than the column a later statement cannot find.
 */
export function alterTempTable(s: AlterTable, ctx: DraftContext): Refusal | undefined {
  const t = targetState(ctx, { kind: 'TableRef', name: s.name, temp: isTempName(s.name), alias: undefined, hints: [], span: s.span });
  if (isRefusal(t)) return t;
  const added = addedColumns(s, ctx, t.state.columns);
  if (isRefusal(added)) {
    // reading the table after the refused ALTER refuses naming the ALTER, not a column it lacks
    setTable(ctx, t.key, { ...t.state, refused: added });
    return added;
  }
  const kept = t.state.columns.map((c) => quoteName(c.name));
  const extra = added.map((c) => `CAST(NULL AS ${duckTypeOf(c.type) ?? 'VARCHAR'}) AS ${quoteName(c.name)}`);
  const relation = addCte(ctx, t.key, `SELECT ${[...kept, ...extra].join(', ')} FROM ${t.state.relation}`);
  setTable(ctx, t.key, { ...t.state, relation, columns: [...t.state.columns, ...added] });
  return undefined;
}

/** The columns an `ALTER TABLE #t ADD` of nullable plain columns adds, or the refusal of anything else. */
function addedColumns(s: AlterTable, ctx: DraftContext, existing: readonly DraftColumn[]): DraftColumn[] | Refusal {
  const written = s.name.parts.map((p) => p.name).join('.');
  const only = 'only ADD of nullable columns without DEFAULT, IDENTITY or constraints is drafted';
  if (!isTempName(s.name)) return refuseAt(ctx, s.span, `ALTER TABLE ${written}`, 'changing a permanent table\'s columns is not translated: the transform\'s output is declared by the spec');
  if (s.action !== 'ADD' || s.constraints.length > 0) return refuseAt(ctx, s.span, `ALTER TABLE ${written} ${s.action}`, only);
  const added: DraftColumn[] = [];
  for (const c of s.columns) {
    const odd = c.dataType === undefined ? 'a computed column' : c.nullable === false ? 'NOT NULL' : c.default ? 'a DEFAULT' : c.identity ? 'IDENTITY' : c.constraints.length > 0 ? 'a constraint' : undefined;
    if (odd !== undefined || c.dataType === undefined) return refuseAt(ctx, s.span, `ALTER TABLE ${written} ADD ${c.name.name} with ${odd ?? 'a computed column'}`, only);
    if ([...existing, ...added].some((x) => x.name.toLowerCase() === c.name.name.toLowerCase())) return refuseAt(ctx, s.span, `ALTER TABLE ${written} ADD ${c.name.name}`, 'the table already has a column of that name (SQL Server raises error 2705)');
    added.push({ name: c.name.name, type: sqlTypeOfDataType(c.dataType) });
  }
  return added;
}
