import type { ColumnRef, LineageTransform } from './graph';
import type { DraftNode } from './node-registry';

/** Start and end offsets of source text. */
export interface TextRange {
  readonly start: { readonly offset: number };
  readonly end: { readonly offset: number };
}

/** Where a value comes from: the node columns it is computed from, and how. */
export interface Origin {
  readonly sources: readonly ColumnRef[];
  readonly transform: LineageTransform;
  /** Where the computing expression is written, when it is not a plain copy. Kept as offsets:
   * the text is cut only for origins that end up in the lineage (most never do: WHERE, ON). */
  readonly exprSpan?: TextRange;
}

/** One lineage entry while the step is being analysed. */
export interface LineageDraft {
  readonly target: ColumnRef;
  readonly origin: Origin;
}

/**
 * What one statement reads, writes and calls, collected while its syntax tree is walked.
 * Accesses are keyed by node id, so repeated references merge instead of piling up.
 */
export class StepRecorder {
  readonly reads = new Map<string, Set<string>>();
  readonly writes = new Map<string, Set<string>>();
  /** Columns of the statement's own UPDATE/DELETE/MERGE target it reads (see Step.targetReads). */
  readonly targetReads = new Map<string, Set<string>>();
  /** `column = @variable` terms of an UPDATE's or DELETE's WHERE (see Step.keyedOn), by column. */
  readonly keyedOn = new Map<string, string>();
  readonly calls = new Set<string>();
  /** Nodes whose rows before the statement survive in (or decide) its result: targets of
   * INSERT, UPDATE, DELETE with a condition, MERGE and OUTPUT INTO. */
  readonly modifies = new Set<string>();
  /** Tables read `FOR SYSTEM_TIME …`, and their history tables. */
  readonly temporal = new Set<string>();
  /** History table id -> the system-versioned table read through it (same columns). */
  readonly historyOf = new Map<string, string>();
  readonly lineage: LineageDraft[] = [];
  /** Node ids read in this step in first-read order, so reads list in source order. */
  private readonly lineageKeys = new Map<string, number>();

  /** Records a read of `node` (and of `column`, when known). */
  read(node: DraftNode, column?: string): void {
    node.read = true;
    let cols = this.reads.get(node.id);
    if (!cols) { cols = new Set(); this.reads.set(node.id, cols); }
    if (column !== undefined) cols.add(column);
  }

  /** Records a read of a column of the statement's own target (not a read in the contract's sense). */
  readTarget(node: DraftNode, column: string): void {
    let cols = this.targetReads.get(node.id);
    if (!cols) { cols = new Set(); this.targetReads.set(node.id, cols); }
    cols.add(column);
  }

  /** Records a write of `node` and of the given columns. */
  write(node: DraftNode, columns: Iterable<string> = []): void {
    node.written = true;
    let cols = this.writes.get(node.id);
    if (!cols) { cols = new Set(); this.writes.set(node.id, cols); }
    for (const c of columns) cols.add(c);
  }

  /** Records that the statement changes `node` in place: its earlier rows are an input. */
  modify(node: DraftNode): void {
    this.modifies.add(node.id);
  }

  /** Adds lineage for one written column; a second write of the same column in the same step
   * merges its sources into the first entry. */
  addLineage(target: ColumnRef, origin: Origin): void {
    const key = `${target.node}\u0000${target.column}`;
    const at = this.lineageKeys.get(key);
    if (at === undefined) {
      this.lineageKeys.set(key, this.lineage.length);
      this.lineage.push({ target, origin });
      return;
    }
    const prev = this.lineage[at] as LineageDraft;
    const sources = dedupeRefs([...prev.origin.sources, ...origin.sources]);
    this.lineage[at] = { target, origin: { ...prev.origin, sources } };
  }
}

/** Removes duplicate column references, keeping the first occurrence. */
export function dedupeRefs(refs: readonly ColumnRef[]): ColumnRef[] {
  const seen = new Set<string>();
  const out: ColumnRef[] = [];
  for (const r of refs) {
    const k = `${r.node}\u0000${r.column}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}
