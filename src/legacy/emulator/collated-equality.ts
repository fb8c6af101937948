import { comparesAsDefault, walk, type Expression } from '../../tsql';
import { equatedTextSql } from '../../tsql/collation-equated-text';
import { callMarker } from './call-stops';
import { collationRefusal, comparesBinary, tellsCaseApart } from './collations';
import type { SqlFragment, SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';

/*
 * `=` and `<>` between texts where a COLLATE other than the default decides how they compare:
 * `LastName COLLATE Latin1_General_CS_AS <> UPPER(LastName) COLLATE Latin1_General_CS_AS` (a
 * CRM's "is it upper-case yet" test), `WHERE AccountCode = 'abc01'` on a column declared
 * `COLLATE Latin1_General_CS_AS`. SQL Server's collation precedence picks the collation: an
 * explicit COLLATE wins; a column's own (implicit) collation wins over a literal's or a
 * variable's (coercible-default); two different explicit ones, or two columns of different
 * collations, are error 468 (refused here). Under a case-sensitive or binary collation the texts
 * compare as written but for trailing blanks, which every collation ignores. Only text of
 * printable ASCII is compared so: beyond it, a case-sensitive Windows collation still equates
 * some different spellings (expansions such as 'ß' and 'ss'), so such a value stops the
 * statement rather than compare otherwise, unless the default collation already tells the two
 * texts apart (a case-sensitive collation equates no more spellings than the default). Anything else about a non-default collation (an
 * ordering, a GROUP BY, a LIKE) stays refused where the column is read.
 */

/** How one side of a comparison decides the collation (SQL Server's collation precedence). */
type Label =
  | { readonly kind: 'explicit'; readonly collation: string }
  | { readonly kind: 'implicit'; readonly collation: string | undefined }
  | { readonly kind: 'coercible' }
  | { readonly kind: 'unknown' };

const DEFAULT = undefined;

/**
 * The comparison `op` (`=`, `<>`, `!=`) of `l` and `r` under the collation precedence picks, as
 * DuckDB SQL, when a non-default collation takes part; undefined when neither side has one (the
 * translator's own comparison applies).
 */
export function collatedEquality(t: SqlTranslator, op: string, l: Expression, r: Expression, scope: SqlScope): SqlFragment | undefined {
  const left = labelOf(l, scope);
  const right = labelOf(r, scope);
  const special = (x: Label): boolean => (x.kind === 'explicit' || x.kind === 'implicit') && x.collation !== DEFAULT && !comparesAsDefault(x.collation);
  if (!special(left) && !special(right)) return undefined;
  const collation = resolve(left, right);
  if (collation === 'conflict') {
    throw t.state.unsupported(l, 'a comparison of texts of two different collations (SQL Server: error 468, cannot resolve the collation conflict)');
  }
  const a = readCollated(t, l, scope);
  const b = readCollated(t, r, scope);
  const isText = (x: SqlFragment): boolean => x.family === 'string' || x.family === 'unknown';
  if (!isText(a) || !isText(b)) throw t.state.unsupported(l, collationRefusal(collation ?? 'DATABASE_DEFAULT', 'a comparison of a value that is not text'));
  const negate = op !== '=';
  if (collation === DEFAULT || comparesAsDefault(collation)) return { sql: t.compare(negate ? '<>' : '=', a, b), family: 'bit' };
  if (!tellsCaseApart(collation)) throw t.state.unsupported(l, collationRefusal(collation, 'a comparison of text'));
  const exact = `(encode(tsql_str(${a.sql})) ${negate ? '<>' : '='} encode(tsql_str(${b.sql})))`;
  if (comparesBinary(collation)) return { sql: exact, family: 'bit' };
  const ascii = (sql: string): string => `regexp_full_match(CAST(${sql} AS VARCHAR), '[ -~]*', 's')`;
  const message = `the emulator does not support comparing text holding characters beyond printable ASCII under COLLATE ${collation} (a case-sensitive collation still equates some different spellings of them)`;
  // Texts the default (case-insensitive) collation surely tells apart differ under a case-sensitive
  // one too (its equal spellings are a subset of the default's): only texts holding none of the
  // characters the default may equate with other spellings are decided so; the rest are refused.
  const plain = (sql: string): string => `NOT ${equatedTextSql(`CAST(${sql} AS VARCHAR)`)}`;
  const refuse = `CAST(error('${message.replace(/'/g, "''")}' || ${callMarker(t.state, l)}) AS BOOLEAN)`;
  // nested CASEs: the default comparison is evaluated only on text it decides without doubt
  const apart = `(CASE WHEN NOT ${t.compare('=', a, b)} THEN ${negate ? 'TRUE' : 'FALSE'} ELSE ${refuse} END)`;
  return { sql: `(CASE WHEN (${a.sql}) IS NULL OR (${b.sql}) IS NULL THEN CAST(NULL AS BOOLEAN) WHEN ${ascii(a.sql)} AND ${ascii(b.sql)} THEN ${exact} WHEN ${plain(a.sql)} AND ${plain(b.sql)} THEN ${apart} ELSE ${refuse} END)`, family: 'bit' };
}

/** The collation both sides compare under, DEFAULT, or 'conflict' (error 468). */
function resolve(left: Label, right: Label): string | undefined | 'conflict' {
  if (left.kind === 'explicit' && right.kind === 'explicit') return sameCollation(left.collation, right.collation) ? left.collation : 'conflict';
  if (left.kind === 'explicit') return left.collation;
  if (right.kind === 'explicit') return right.collation;
  if (left.kind === 'unknown' || right.kind === 'unknown') return 'conflict';
  if (left.kind === 'implicit' && right.kind === 'implicit') return sameCollation(left.collation, right.collation) ? left.collation : 'conflict';
  if (left.kind === 'implicit') return left.collation;
  if (right.kind === 'implicit') return right.collation;
  return DEFAULT;
}

function sameCollation(a: string | undefined, b: string | undefined): boolean {
  const norm = (c: string | undefined): string => (c === undefined || comparesAsDefault(c) ? '' : c.replace(/^\[|\]$/g, '').toUpperCase());
  return norm(a) === norm(b);
}

/**
 * One side's collation label: a COLLATE clause is explicit; a column is implicit with its
 * declared collation; an expression over columns of the default collation only is implicit
 * default, over no column coercible; one holding a column of another collation, a COLLATE
 * inside or a subquery is not worked out (unknown).
 */
function labelOf(e: Expression, scope: SqlScope): Label {
  if (e.kind === 'Collate') return { kind: 'explicit', collation: e.collation };
  if (e.kind === 'ColumnRef') return { kind: 'implicit', collation: scope.lookupRef(e.parts)?.tsqlType?.collation };
  let columns = false;
  let unknown = false;
  walk(e, (n) => {
    if (n.kind === 'Select' || n.kind === 'Collate') unknown = true;
    else if (n.kind === 'ColumnRef') {
      columns = true;
      if (scope.lookupRef(n.parts)?.tsqlType?.collation !== undefined) unknown = true;
    }
    return !unknown;
  });
  if (unknown) return { kind: 'unknown' };
  return columns ? { kind: 'implicit', collation: DEFAULT } : { kind: 'coercible' };
}

/**
 * `e` (a COLLATE clause taken off) read where a COLLATE decides how it compares (a comparison
 * above, `col COLLATE DATABASE_DEFAULT`): a column declared with another collation is read as
 * its text instead of refused.
 */
export function readCollated(t: SqlTranslator, e: Expression, scope: SqlScope): SqlFragment {
  const inner = e.kind === 'Collate' ? e.expression : e;
  if (inner.kind !== 'ColumnRef') return t.expr(inner, scope);
  const outer = t.collatedRead;
  t.collatedRead = inner;
  try {
    return t.expr(inner, scope);
  } finally {
    t.collatedRead = outer;
  }
}
