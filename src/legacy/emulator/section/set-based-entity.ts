// `sections propose` tags a set-based section `@entity:k` only where running it on each k's rows
// alone and unioning gives what running it on all rows gives, as `migrate test`'s
// entity-independence proof (src/engine/transform-independence.ts) checks: that proof filters
// every input with a column k to one k and takes the others whole. So every statement must tie
// the references to tables having a column k together by equalities on k (a join, a correlated
// NOT EXISTS), combine no rows across k (cross-entity-reads.ts), and take no TOP or OFFSET over
// such a table (the first rows of all entities are not those of each). Anything else, or a
// doubt (a table read only through a function, an UPDATE with TOP, OUTPUT or a variable, a variable set from a table, an
// IDENTITY or sequence numbering the rows written), leaves
// the section untagged: a wrong tag fails a faithful transform's test.
import { findAll, recursiveMembers, type Expression, type Node, type ParsedScript, type Statement, type TableRef } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import { walksEntityKeys } from './next-entity-key';
import { crossEntityReads } from './cross-entity-reads';
import { collectProcedures } from '../emulate-procedure';
import { selectSectionStatements, type SectionLines } from './section-statements';

/** The statement kinds a set-based section may hold and stay per-entity (others: no tag). */
const PER_ENTITY_KINDS = new Set(['Insert', 'Delete', 'Truncate', 'CreateTable', 'Declare']);

const lastPart = (parts: readonly { readonly name: string }[]): string => (parts[parts.length - 1]?.name ?? '').toLowerCase();

/** The equalities `a.k = b.k` that hold for every row (AND-ed at the top of an ON or WHERE), as pairs of qualifiers. */
function keyEqualities(e: Expression | undefined, key: string, out: [string, string][]): void {
  if (e === undefined) return;
  if (e.kind === 'Binary' && e.operator.toUpperCase() === 'AND') { keyEqualities(e.left, key, out); keyEqualities(e.right, key, out); return; }
  if (e.kind !== 'Binary' || e.operator !== '=' || e.left.kind !== 'ColumnRef' || e.right.kind !== 'ColumnRef') return;
  const [l, r] = [e.left.parts, e.right.parts];
  if (l.length < 2 || r.length < 2 || lastPart(l) !== key || lastPart(r) !== key) return;
  out.push([(l[l.length - 2]?.name ?? '').toLowerCase(), (r[r.length - 2]?.name ?? '').toLowerCase()]);
}

/** Whether a node draws values that depend on how many rows ran before it: NEXT VALUE FOR, NEWID(), RAND(). */
function drawsValues(node: Node): boolean {
  return findAll(node, 'NextValueFor').length > 0 || findAll(node, 'FunctionCall').some((f) => ['newid', 'newsequentialid', 'rand', 'crypt_gen_random'].includes(lastPart(f.name.parts)));
}

/**
 * An UPDATE that changes each row from that row and what the rest of the statement joins to it
 * (`UPDATE r SET Status = 'NoShow' FROM pms.Reservation r LEFT JOIN … ON … = r.[Reservation ID]`):
 * no TOP (which rows it picks is not each entity's), no variable it carries from row to row
 * (`SET @n = Col = @n + 1`), no OUTPUT, no WHERE CURRENT OF a cursor. Its reads are judged as
 * any statement's below.
 */
function updatesEachRowAlone(statement: Statement): boolean {
  return statement.kind === 'Update' && statement.top === undefined && statement.output === undefined && statement.currentOf === undefined
    && statement.assignments.every((a) => a.variable === undefined);
}

/**
 * The table a `SELECT … INTO` creates (written, as an INSERT's target is), when its rows are its
 * query's alone: not numbered by `IDENTITY(int, 1, 1)`, which counts across every entity's rows.
 */
function selectInto(statement: Statement): TableRef | undefined {
  if (statement.kind !== 'Select' || statement.body.kind !== 'QuerySpec' || statement.body.into?.kind !== 'TableRef') return undefined;
  if (findAll(statement, 'FunctionCall').some((f) => lastPart(f.name.parts) === 'identity')) return undefined;
  return statement.body.into;
}

/** Whether one statement keeps each `key` apart, given the columns of the tables it reads. */
function statementPerEntity(statement: Statement, key: string, hasKey: (ref: TableRef) => boolean, readsWithKey: ReadonlySet<string>): boolean {
  // the WHILE that walks the keys in place of a cursor (next-entity-key.ts), when the graph's reads
  // are all named in it (none hidden behind a function)
  if (statement.kind === 'While') {
    const named = new Set(findAll(statement, 'TableRef').map((r) => normalizeObjectName(r.name.parts.map((p) => p.name).join('.'))));
    return [...readsWithKey].every((t) => named.has(normalizeObjectName(t))) && walksEntityKeys(statement, key, hasKey, (s) => statementPerEntity(s, key, hasKey, new Set()));
  }
  // a statement that reads no table and no @@ROWCOUNT (`IF @AsOf IS NULL SET @AsOf = GETDATE()`) computes the same for every entity
  if (findAll(statement, 'TableRef').length === 0 && findAll(statement, 'SystemVariable').length === 0 && readsWithKey.size === 0) return true;
  const into = selectInto(statement);
  if (!PER_ENTITY_KINDS.has(statement.kind) && !updatesEachRowAlone(statement) && into === undefined) return false;
  // a DECLARE @x = (SELECT … FROM t) sets a value every entity's rows then share
  if ((statement.kind === 'Declare' || statement.kind === 'CreateTable') && findAll(statement, 'TableRef').length > 0) return false;
  // (an INSERT's target is written, not read: its rows meet no others)
  const target = statement.kind === 'Insert' ? findAll(statement.target as Node, 'TableRef')[0] : into;
  const refs = findAll(statement, 'TableRef').filter((r) => r !== target && hasKey(r));
  // a table with the key the statement reads through a function (the graph's reads name it, no FROM does)
  const named = new Set(refs.map((r) => normalizeObjectName(r.name.parts.map((p) => p.name).join('.'))));
  if ([...readsWithKey].some((t) => !named.has(normalizeObjectName(t)))) return false;
  if (crossEntityReads([statement], key).length > 0) return false;
  // a recursive CTE's step joins rows to rows of an earlier level (a child to its parent cost
  // center): on any column but the key, that is another entity's row. One that reads no table
  // with the key (a period series, `SELECT 1 AS n UNION ALL SELECT n + 1 FROM periods`) makes the
  // same rows for every entity, as a numbers table read whole does
  if (findAll(statement, 'Cte').some((c) => recursiveMembers(c).steps.length > 0 && findAll(c, 'TableRef').some(hasKey))) return false;
  for (const q of findAll(statement, 'QuerySpec')) if (q.top !== undefined && findAll(q, 'TableRef').some(hasKey)) return false;
  if (findAll(statement, 'Select').some((s) => s.offset !== undefined && findAll(s, 'TableRef').some(hasKey))) return false;
  if (refs.length <= 1) return true;
  // references joined by equalities on the key form one group; each branch of a UNION ALL may be its own
  const nameOf = (r: TableRef): string => (r.alias?.name ?? r.name.parts[r.name.parts.length - 1]?.name ?? '').toLowerCase();
  const parent = new Map(refs.map((r) => [nameOf(r), nameOf(r)]));
  const root = (x: string): string => { let y = x; while (parent.get(y) !== y && parent.get(y) !== undefined) y = parent.get(y) as string; return y; };
  const pairs: [string, string][] = [];
  for (const j of findAll(statement, 'Join')) keyEqualities(j.on, key, pairs);
  for (const q of findAll(statement, 'QuerySpec')) keyEqualities(q.where, key, pairs);
  for (const [a, b] of pairs) if (parent.has(a) && parent.has(b)) parent.set(root(a), root(b));
  const groups = new Map<string, TableRef[]>();
  for (const r of refs) groups.set(root(nameOf(r)), [...(groups.get(root(nameOf(r))) ?? []), r]);
  if (groups.size === 1) return true;
  // several groups: per-entity only when each lies in its own branch of one UNION ALL
  const union = findAll(statement, 'SetOperation').find((s) => s.operator === 'UNION ALL');
  if (union === undefined) return false;
  const branches: Node[] = [];
  const collect = (n: Node): void => { if (n.kind === 'SetOperation' && n.operator === 'UNION ALL') { collect(n.left); collect(n.right); } else branches.push(n); };
  collect(union);
  const branchOf = (r: TableRef): number => branches.findIndex((b) => findAll(b, 'TableRef').includes(r));
  const used = new Set<number>();
  for (const members of groups.values()) {
    const at = new Set(members.map(branchOf));
    const [only] = [...at];
    if (at.size !== 1 || only === undefined || only < 0 || used.has(only)) return false;
    used.add(only);
  }
  return true;
}

/**
 * The first of `candidates` (output columns the section copies from input columns of the same
 * name) on which every statement of the section keeps each entity apart; undefined when none
 * is certain. `columnsOf` gives a table's columns (lower case) by its normalised name;
 * `readsWithKey(start, end, key)` the tables with the key the graph says the statement on those lines reads.
 */
export function setBasedSectionEntity(scripts: readonly ParsedScript[], procedure: { readonly name: string; readonly file: string }, lines: readonly SectionLines[], candidates: readonly string[],
  columnsOf: (table: string) => readonly string[] | undefined, readsWithKey: (start: number, end: number, key: string) => ReadonlySet<string>): string | undefined {
  const loaded = collectProcedures(scripts).get(normalizeObjectName(procedure.name));
  // the lines are those of the definition proposed from: not of another one in effect (an upgrade script's ALTER)
  if (loaded === undefined || loaded.script.file !== procedure.file || candidates.length === 0) return undefined;
  let statements: Statement[];
  try {
    statements = selectSectionStatements(loaded.procedure, loaded.script, lines);
  } catch {
    return undefined; // a statement split between sections: check names it, no entity is certain
  }
  if (statements.length === 0) return undefined;
  // a target numbering its rows (IDENTITY, a sequence or NEWID() default) numbers them from the
  // same seed in every per-entity run: the union differs from the run over all entities
  const numbered = new Set(scripts.flatMap((script) => script.batches.flatMap((b) => findAll(b as unknown as Node, 'CreateTable')))
    .filter((t) => findAll(t, 'ColumnDefinition').some((c) => c.identity || (c.default !== undefined && drawsValues(c.default))))
    .map((t) => normalizeObjectName(t.name.parts.map((p) => p.name).join('.'))));
  if (statements.some((s) => drawsValues(s) || (s.kind === 'Insert' && findAll(s.target as Node, 'TableRef').some((r) => numbered.has(normalizeObjectName(r.name.parts.map((p) => p.name).join('.'))))))) return undefined;
  return candidates.find((candidate) => {
    const key = candidate.toLowerCase();
    // (the graph names `#credit` and `dbo.x` as written, lower case; normalised, `#credit` gains a schema)
    const hasKey = (ref: TableRef): boolean => {
      const written = ref.name.parts.map((p) => p.name).join('.');
      return (columnsOf(written.toLowerCase()) ?? columnsOf(normalizeObjectName(written)) ?? []).includes(key);
    };
    return statements.every((s) => statementPerEntity(s, key, hasKey, readsWithKey(s.span.start.line, s.span.end.line, key)));
  });
}
