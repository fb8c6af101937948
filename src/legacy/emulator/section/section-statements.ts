// Which statements of a procedure a section covers, and what they need from the state before
// them. A section is a set of line ranges (`@lines:80-101,109-219`); its statements may sit
// inside a TRY block or a BEGIN…END that belongs to another section, so containers are opened,
// but a loop or IF is never cut: running half of one would be a guess.
import { LegacyError } from '../../../core';
import type { CreateProcedure, DataType, Node, ParsedScript, Statement, TableSource, Variable } from '../../../tsql';
import { isTempName, selectIntoTarget, walk } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import { lineAfterLeadingDeclares } from './leading-declares';

/** A 1-based inclusive line range of the procedure's file. */
export interface SectionLines {
  readonly start: number;
  readonly end: number;
}

/** What a section's statements touch: tables by role, variables by first use. */
export interface SectionFootprint {
  /** Tables (keys: `dbo.x`, `#t`, `@t`) the statements read rows from, with where first. */
  readonly reads: ReadonlyMap<string, { readonly written: string; readonly parts: readonly string[]; readonly node: Node }>;
  /** Tables the statements write (INSERT/UPDATE/DELETE/MERGE/TRUNCATE/SELECT INTO targets). */
  readonly writes: ReadonlySet<string>;
  /** Of those, the UPDATE, DELETE and MERGE targets, whose rows before the section decide what it leaves, with where first. */
  readonly changes: ReadonlyMap<string, { readonly written: string; readonly parts: readonly string[]; readonly node: Node }>;
  /** #temp tables and table variables the statements create (CREATE TABLE, SELECT INTO, DECLARE). */
  readonly creates: ReadonlySet<string>;
  /** Variables (lower-case) whose first use in the section reads them, with that use. */
  readonly readsFirst: ReadonlyMap<string, Variable>;
  /** Variables the section declares itself. */
  readonly declares: ReadonlySet<string>;
}

const inRanges = (ranges: readonly SectionLines[], line: number): boolean => ranges.some((r) => line >= r.start && line <= r.end);

/** Every statement nested in `s` (itself excluded), in order. */
function nestedStatements(s: Statement): Statement[] {
  switch (s.kind) {
    case 'Block': return s.statements.flatMap((x) => [x, ...nestedStatements(x)]);
    case 'If': return [s.then, ...nestedStatements(s.then), ...(s.else ? [s.else, ...nestedStatements(s.else)] : [])];
    case 'While': return [s.body, ...nestedStatements(s.body)];
    case 'TryCatch': return [...s.tryStatements, ...s.catchStatements].flatMap((x) => [x, ...nestedStatements(x)]);
    default: return [];
  }
}

/**
 * The statements of `procedure` whose lines the section covers, in order. BEGIN…END and TRY
 * blocks that only partly belong to the section are opened; a statement the section covers only
 * in part (a loop whose body is split between sections) is refused with its location.
 */
export function selectSectionStatements(procedure: CreateProcedure, script: ParsedScript, ranges: readonly SectionLines[]): Statement[] {
  const out: Statement[] = [];
  const refuse = (s: Statement, why: string): LegacyError => new LegacyError('LEGACY_SECTION_SPLIT', why, {
    location: { file: script.file, span: s.span, source: script.lineIndex.text },
    hint: 'give the whole statement to one section (@lines), or run the procedure as a whole with `migrate capture`',
  });
  const visit = (list: readonly Statement[]): void => {
    for (const s of list) {
      const nested = nestedStatements(s).filter((x) => x.kind !== 'Block');
      if (inRanges(ranges, s.span.start.line)) {
        const outside = nested.find((x) => !inRanges(ranges, x.span.start.line));
        if (outside !== undefined) throw refuse(s, `the section covers the ${s.kind} at line ${s.span.start.line} but not its statement at line ${outside.span.start.line}`);
        out.push(s);
      } else if (s.kind === 'Block') visit(s.statements);
      else if (s.kind === 'TryCatch') { visit(s.tryStatements); visit(s.catchStatements); }
      else {
        const inside = nested.find((x) => inRanges(ranges, x.span.start.line));
        if (inside !== undefined) throw refuse(s, `the section covers line ${inside.span.start.line} inside the ${s.kind} at line ${s.span.start.line}, whose ${s.kind === 'If' ? 'condition' : 'loop'} belongs to another section`);
      }
    }
  };
  visit(procedure.body);
  return out;
}

/** Every statement of the procedure outside the section that comes before it, in order. */
export function statementsBefore(procedure: CreateProcedure, ranges: readonly SectionLines[]): Statement[] {
  const first = Math.min(...ranges.map((r) => r.start));
  const out: Statement[] = [];
  const visit = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (s.span.start.line >= first) {
        // a container that started before the section may hold earlier statements
        if (s.kind === 'Block') visit(s.statements);
        else if (s.kind === 'TryCatch') visit(s.tryStatements);
        continue;
      }
      if (s.kind === 'Block') visit(s.statements);
      else if (s.kind === 'TryCatch') { visit(s.tryStatements); visit(s.catchStatements); }
      else if (!inRanges(ranges, s.span.start.line)) out.push(s);
    }
  };
  visit(procedure.body);
  return out;
}

/**
 * What a legacy run executes before the section starts, as line ranges of whole statements a
 * section run takes: every statement that ends before the section's first line (its first line
 * after DECLAREs it begins with that may run later: leading-declares.ts), and where the
 * section sits inside a BEGIN…END or a TRY block, that block's statements before it (a CATCH
 * block runs only after an error: never among them). Undefined when a statement before shares
 * the section's first line (no whole-statement cut).
 */
export function linesBeforeSection(procedure: CreateProcedure, ranges: readonly SectionLines[]): SectionLines[] | undefined {
  // leading DECLAREs of the section that may run after the statements between them and its work
  // (lineAfterLeadingDeclares) are left to the section: what runs first is everything else before its work
  const first = lineAfterLeadingDeclares(openedStatements(procedure.body), ranges, assignsVariable) ?? Math.min(...ranges.map((r) => r.start));
  const out: SectionLines[] = [];
  let cut = true;
  const visit = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (s.span.end.line < first) { if (!inRanges(ranges, s.span.start.line)) out.push({ start: s.span.start.line, end: s.span.end.line }); continue; }
      if (s.span.start.line >= first) return;
      // a statement that holds the section's first line: only a block's statements before it run first
      if (s.kind === 'Block') visit(s.statements);
      else if (s.kind === 'TryCatch') visit(s.tryStatements);
      else cut = false;
      return;
    }
  };
  visit(procedure.body);
  return cut ? out : undefined;
}

/** The statements of `list` in order, BEGIN…END blocks and TRY blocks opened (as a section run opens them). */
function openedStatements(list: readonly Statement[]): Statement[] {
  return list.flatMap((s) => s.kind === 'Block' ? openedStatements(s.statements) : s.kind === 'TryCatch' ? openedStatements(s.tryStatements) : [s]);
}

const tableName = (parts: readonly { readonly name: string }[]): string => parts.map((p) => p.name).join('.');

/** The key of a table name as the emulator and the specs match it. */
export function sectionTableKey(written: string): string {
  return written.startsWith('@') || isTempName(written) ? written.toLowerCase() : normalizeObjectName(written);
}

/** Whether `v` (a child of `parent`) is assigned rather than read there. `guarded`: EXECs inside a
 * TRY block, whose return code a caught error leaves unassigned (its earlier value still counts). */
function isPlainWrite(v: Variable, parent: Node | undefined, guarded: ReadonlySet<Node>): boolean {
  if (parent === undefined) return false;
  switch (parent.kind) {
    case 'SetVariable': case 'SelectAssignment': case 'UpdateAssignment': return parent.variable === v && parent.operator === '=';
    case 'Fetch': return parent.into.includes(v);
    // `EXEC @rc = dbo.usp_X`: the return code is set whenever the caller goes on after the call
    // (an error that ends the batch ends the caller too); not under TRY, where CATCH goes on without it
    case 'Execute': return parent.returnVariable === v && !guarded.has(parent);
    case 'VariableDeclaration': case 'TableVariableDeclaration': return parent.variable === v;
    default: return false;
  }
}

/**
 * Whether this use of a variable may change its value: the target of SET (any operator),
 * `SELECT @v =`, `UPDATE … SET @v =`, FETCH INTO, an OUTPUT argument of EXEC or EXEC's return
 * code. Every other use only reads it; a DECLARE is not counted (it is where the value starts).
 */
export function assignsVariable(v: Variable, parent: Node | undefined): boolean {
  if (parent === undefined) return false;
  switch (parent.kind) {
    case 'SetVariable': case 'SelectAssignment': case 'UpdateAssignment': return parent.variable === v;
    case 'Fetch': return parent.into.includes(v);
    case 'ExecArgument': return parent.output && parent.value === v;
    case 'Execute': return parent.returnVariable === v;
    default: return false;
  }
}

/**
 * What the section's statements read and write: tables by role (targets of DML are writes; a
 * table named anywhere else is read; CTE names are neither) and, for each variable, whether
 * its first use in text order reads it (then its value at the start of the section matters).
 * `isTableType` tells a variable of a user-defined table type (the catalog's types) from a scalar.
 */
export function sectionFootprint(statements: readonly Statement[], isTableType: (type: DataType) => boolean = () => false): SectionFootprint {
  const reads = new Map<string, { written: string; parts: readonly string[]; node: Node }>();
  const writes = new Set<string>();
  const changes = new Map<string, { written: string; parts: readonly string[]; node: Node }>();
  const creates = new Set<string>();
  const declares = new Set<string>();
  const ctes = new Set<string>();
  const targets = new Set<Node>();
  const changed = new Set<Node>();
  const aliases = new Set<Node>();
  const variables: { v: Variable; parent: Node | undefined }[] = [];
  for (const st of statements) {
    walk(st, (n, parent) => {
      switch (n.kind) {
        case 'Cte': ctes.add(n.name.name.toLowerCase()); break;
        case 'Insert': case 'Merge': case 'Update': case 'Delete':
          if (n.target.kind === 'TableRef' || n.target.kind === 'TableVariableRef') targets.add(n.target);
          if (n.kind !== 'Insert' && (n.target.kind === 'TableRef' || n.target.kind === 'TableVariableRef')) changed.add(n.target);
          if ((n.kind === 'Update' || n.kind === 'Delete') && n.target.kind === 'TableRef' && n.target.name.parts.length === 1) {
            // `UPDATE t … FROM #Usage t` names the alias: the aliased table is the target
            const aliased = findAliased(n.from, n.target.name.parts[0]?.name ?? '');
            if (aliased !== undefined) { targets.add(aliased); aliases.add(n.target); changed.add(aliased); }
          }
          break;
        case 'Truncate': targets.add(n.target); break;
        case 'CreateTable': creates.add(sectionTableKey(tableName(n.name.parts))); break;
        case 'TableVariableDeclaration': creates.add(n.variable.name.toLowerCase()); declares.add(n.variable.name.toLowerCase()); break;
        case 'VariableDeclaration':
          // `DECLARE @t dbo.SomeTableType` creates an empty table variable, as `DECLARE @t TABLE (…)`
          if (isTableType(n.dataType)) creates.add(n.variable.name.toLowerCase());
          declares.add(n.variable.name.toLowerCase());
          break;
        case 'Select': {
          const into = selectIntoTarget(n.body);
          if (into?.kind === 'TableRef') {
            targets.add(into);
            creates.add(sectionTableKey(tableName(into.name.parts)));
          }
          break;
        }
        case 'Variable': variables.push({ v: n, parent }); break;
        default: break;
      }
      return undefined;
    });
  }
  for (const st of statements) {
    walk(st, (n) => {
      const parts = n.kind === 'TableRef' ? n.name.parts.map((p) => p.name) : n.kind === 'TableVariableRef' ? [n.variable.name] : undefined;
      const written = parts?.join('.');
      if (written === undefined || aliases.has(n)) return undefined;
      const key = sectionTableKey(written);
      if (n.kind === 'TableRef' && n.name.parts.length === 1 && ctes.has(key.replace(/^dbo\./, ''))) return undefined;
      if (targets.has(n)) {
        writes.add(key);
        if (changed.has(n) && !changes.has(key)) changes.set(key, { written, parts: parts ?? [written], node: n });
      } else if (!reads.has(key)) reads.set(key, { written, parts: parts ?? [written], node: n });
      return undefined;
    });
  }
  const guarded = new Set<Node>();
  for (const st of statements) {
    walk(st, (n) => {
      if (n.kind === 'TryCatch') for (const t of n.tryStatements) walk(t, (x) => { if (x.kind === 'Execute') guarded.add(x); return undefined; });
      return undefined;
    });
  }
  const readsFirst = new Map<string, Variable>();
  const seen = new Set<string>();
  const ordered = [...variables].sort((a, b) => a.v.span.start.offset - b.v.span.start.offset);
  for (const { v, parent } of ordered) {
    const key = v.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (!isPlainWrite(v, parent, guarded)) readsFirst.set(key, v);
  }
  return { reads, writes, changes, creates, readsFirst, declares };
}

/** The table source of a FROM list whose alias is `alias`, if any. */
function findAliased(from: readonly TableSource[], alias: string): Node | undefined {
  const wanted = alias.toLowerCase();
  for (const s of from) {
    if (s.kind === 'Join') {
      const found = findAliased([s.left, s.right], alias);
      if (found !== undefined) return found;
    } else if (s.kind === 'TableRef' && s.alias?.name.toLowerCase() === wanted) return s;
  }
  return undefined;
}

/**
 * Whether a section's statements sit inside a TRY block of the procedure that the section does
 * not run whole (an error there goes to its CATCH block): 'all', 'none' or 'some' of them.
 */
export function insideTryOutsideSection(procedure: CreateProcedure, statements: readonly Statement[]): 'all' | 'none' | 'some' {
  const selected = new Set(statements);
  let inside = 0;
  let outside = 0;
  const visit = (list: readonly Statement[], inTry: boolean): void => {
    for (const s of list) {
      if (selected.has(s)) { if (inTry) inside++; else outside++; }
      else if (s.kind === 'Block') visit(s.statements, inTry);
      else if (s.kind === 'TryCatch') { visit(s.tryStatements, true); visit(s.catchStatements, inTry); }
    }
  };
  visit(procedure.body, false);
  return inside === 0 ? 'none' : outside === 0 ? 'all' : 'some';
}
