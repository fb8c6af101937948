import { andTerms, findAll, walk, type Expression, type ParsedScript, type Statement } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import { collectProcedures } from '../emulate-procedure';
import { assignsVariable, selectSectionStatements, type SectionLines } from './section-statements';

// `sections record --from-data` runs a section once per entity of the data. A section whose rows
// a procedure parameter filters (`WHERE s.[Statement Id] = @StatementId`, `[Invoice Date] =
// @RunDate`, `BETWEEN @From AND @To`) given one value for every entity records, for every entity
// but the one that value keeps, empty Then tables: right for those inputs, and a test of nothing.
// These are those filters, read from the syntax tree: the entity's own (`pins`), which each
// scenario sets to its entity's value, and the others, which a scenario's note names when the
// data's rows all fall outside them.

/** A condition of the section's statements that compares a column of the rows read to procedure parameters. */
export interface ParameterFilter {
  /** The parameters as the procedure declares them (`@StatementId`). */
  readonly parameters: readonly string[];
  /** The columns compared (last name part, as written). */
  readonly columns: readonly string[];
  /** The comparison as written, blanks collapsed (`s.[Statement Id] = @StatementId`). */
  readonly text: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /**
   * A plain `column = @parameter` that every row the statement keeps must meet (a conjunct of its
   * WHERE, HAVING, ON or MERGE ON): set to an entity's value it keeps exactly that entity's rows.
   */
  readonly pins: boolean;
  /**
   * For a plain column compared to plain parameters, the test each row meets (the column on the
   * left: `@From <= c` is `c >= @From`), so a note can tell which rows it keeps.
   */
  readonly test?: { readonly operator: '=' | '<' | '>' | '<=' | '>=' | 'between'; readonly parameters: readonly string[] };
  /**
   * The line of a statement of the procedure that assigns one of the parameters before the
   * comparison runs (`SET @PeriodEnd = EOMONTH(@PeriodEnd)` above it, or anywhere in a WHILE that
   * holds both): the comparison then sees that value, not the one the caller passed.
   */
  readonly reassignedAt?: number;
}

/** `@p < c` read as `c > @p`. */
const MIRRORED: Readonly<Record<string, '=' | '<' | '>' | '<=' | '>='>> = { '=': '=', '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

const COMPARISONS = new Set(['=', '<', '>', '<=', '>=', '<>', '!=']);

const columnName = (c: Extract<Expression, { kind: 'ColumnRef' }>): string => c.parts[c.parts.length - 1]?.name ?? '';

/**
 * The conditions that keep or drop the rows the statements read: WHERE and HAVING of every query
 * (a cursor's too), JOIN … ON, MERGE … ON, UPDATE … WHERE. A DELETE's WHERE is left out: the rows
 * it matches leave the output, so a Then emptied through it tests what the section does.
 */
function rowConditions(statements: readonly Statement[]): Expression[] {
  const out: Expression[] = [];
  for (const st of statements) {
    for (const q of findAll(st, 'QuerySpec')) out.push(...(q.where === undefined ? [] : [q.where]), ...(q.having === undefined ? [] : [q.having]));
    for (const j of findAll(st, 'Join')) if (j.on !== undefined) out.push(j.on);
    for (const m of findAll(st, 'Merge')) out.push(m.on);
    for (const u of findAll(st, 'Update')) if (u.where !== undefined) out.push(u.where);
  }
  return out;
}

/**
 * The filters on procedure parameters in `statements`: a comparison (`=`, `<`, `>=`, …), BETWEEN
 * or IN (list) of an expression of the rows' columns alone with an expression of parameters alone
 * (`i.[Invoice Date] < DATEADD(day, 1, @RunDate)`). `parameters` are the procedure's scalar
 * parameters as declared; a local variable is no input a scenario gives, so none is named.
 */
export function parameterFilters(statements: readonly Statement[], parameters: readonly string[], script: ParsedScript, body: readonly Statement[] = statements): ParameterFilter[] {
  const declared = new Map(parameters.map((p) => [p.toLowerCase(), p]));
  const reassigned = parameterAssignments(body, declared);
  const columnsOnly = (e: Expression): string[] | undefined => {
    const cols = findAll(e, 'ColumnRef');
    return cols.length > 0 && findAll(e, 'Variable').length === 0 && findAll(e, 'Subquery').length === 0 ? cols.map(columnName) : undefined;
  };
  const parametersOnly = (...es: Expression[]): string[] | undefined => {
    const vars = es.flatMap((e) => findAll(e, 'Variable'));
    if (vars.length === 0 || es.some((e) => findAll(e, 'ColumnRef').length > 0 || findAll(e, 'Subquery').length > 0)) return undefined;
    const names = vars.map((v) => declared.get(v.name.toLowerCase()));
    return names.every((n): n is string => n !== undefined) ? [...new Set(names)] : undefined;
  };
  const out: ParameterFilter[] = [];
  const seen = new Set<number>();
  const add = (node: Expression, columns: string[], params: string[], pins: boolean, test?: ParameterFilter['test']): void => {
    if (seen.has(node.span.start.offset)) return;
    seen.add(node.span.start.offset);
    const text = script.lineIndex.text.slice(node.span.start.offset, node.span.end.offset).replace(/\s+/g, ' ').trim();
    const at = node.span.start.offset;
    const assignment = reassigned.find((a) => params.some((p) => p.toLowerCase() === a.name) && (a.offset < at || a.loops.some((l) => l.start <= at && at <= l.end)));
    out.push({ parameters: params, columns: [...new Set(columns)], text, file: script.file, line: node.span.start.line, column: node.span.start.column, pins, ...(test === undefined ? {} : { test }), ...(assignment === undefined ? {} : { reassignedAt: assignment.line }) });
  };
  const plain = (col: Expression, ...others: Expression[]): boolean => col.kind === 'ColumnRef' && others.every((o) => o.kind === 'Variable');
  for (const condition of rowConditions(statements)) {
    // the plain `column = @parameter` conjuncts first: they pin the rows to one value
    for (const c of andTerms(condition)) {
      if (c.kind !== 'Binary' || c.operator !== '=') continue;
      for (const [col, other] of [[c.left, c.right], [c.right, c.left]] as const) {
        const param = other.kind === 'Variable' ? declared.get(other.name.toLowerCase()) : undefined;
        if (col.kind === 'ColumnRef' && param !== undefined) add(c, [columnName(col)], [param], true, { operator: '=', parameters: [param] });
      }
    }
    for (const b of findAll(condition, 'Binary')) {
      if (!COMPARISONS.has(b.operator)) continue;
      for (const [col, other] of [[b.left, b.right], [b.right, b.left]] as const) {
        const columns = columnsOnly(col);
        const params = columns === undefined ? undefined : parametersOnly(other);
        const operator = col === b.left ? MIRRORED[MIRRORED[b.operator] ?? ''] : MIRRORED[b.operator];
        if (columns !== undefined && params !== undefined) add(b, columns, params, false, plain(col, other) && operator !== undefined ? { operator, parameters: params } : undefined);
      }
    }
    for (const b of findAll(condition, 'Between')) {
      const columns = columnsOnly(b.expression);
      const params = columns === undefined ? undefined : parametersOnly(b.low, b.high);
      const bounds = [b.low, b.high].map((e) => (e.kind === 'Variable' ? declared.get(e.name.toLowerCase()) : undefined));
      const test = !b.not && plain(b.expression, b.low, b.high) ? { operator: 'between' as const, parameters: bounds as string[] } : undefined;
      if (columns !== undefined && params !== undefined) add(b, columns, params, false, test);
    }
    for (const i of findAll(condition, 'In')) {
      const columns = i.query === undefined ? columnsOnly(i.expression) : undefined;
      const params = columns === undefined || i.list.length === 0 ? undefined : parametersOnly(...i.list);
      if (columns !== undefined && params !== undefined) add(i, columns, params, false);
    }
  }
  return out;
}

/** The procedure's assignments to its parameters, in text order, with the spans of the WHILE loops around each. */
function parameterAssignments(body: readonly Statement[], declared: ReadonlyMap<string, string>): { name: string; offset: number; line: number; loops: { start: number; end: number }[] }[] {
  const loops = body.flatMap((st) => findAll(st, 'While')).map((w) => ({ start: w.span.start.offset, end: w.span.end.offset }));
  const out: { name: string; offset: number; line: number; loops: { start: number; end: number }[] }[] = [];
  for (const st of body) {
    walk(st, (n, parent) => {
      if (n.kind !== 'Variable' || !declared.has(n.name.toLowerCase()) || !assignsVariable(n, parent)) return;
      const offset = n.span.start.offset;
      out.push({ name: n.name.toLowerCase(), offset, line: n.span.start.line, loops: loops.filter((l) => l.start <= offset && offset <= l.end) });
    });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** parameterFilters of a section's statements; empty when the scripts do not hold the procedure or the lines split a statement. */
export function sectionParameterFilters(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[]): ParameterFilter[] {
  const loaded = collectProcedures(scripts).get(normalizeObjectName(procedure));
  if (loaded === undefined) return [];
  const parameters = loaded.procedure.parameters.filter((p) => !p.readonly).map((p) => p.name);
  try {
    return parameterFilters(selectSectionStatements(loaded.procedure, loaded.script, lines), parameters, loaded.script, loaded.procedure.body);
  } catch {
    return [];
  }
}
