import { findAll, type CreateProcedure, type Node, type Statement } from '../../../tsql';
import { objectKey } from '../catalog';
import type { EmulatorState } from '../state';

// A section run alone starts every sequence where the scripts leave it (its CREATE, later ALTERs).
// When the procedure draws from that sequence before the section (an id range reserved with
// sp_sequence_get_range, a NEXT VALUE FOR), the section's values in the procedure come after
// those draws: recording it from the scripts' start would write ids the procedure never gives,
// and no Given states the sequence. So that is refused, naming both places.

/** A draw of a sequence: its key, how the code names it, and the node that draws it. */
interface Draw {
  readonly key: string;
  readonly name: string;
  readonly node: Node;
}

/** The sequence draws under `node`: NEXT VALUE FOR, and sp_sequence_get_range of a constant name. */
function drawsIn(node: Node): Draw[] {
  const out: Draw[] = findAll(node, 'NextValueFor').map((n) => ({ key: objectKey(n.sequence.parts), name: n.sequence.parts.map((p) => p.name).join('.'), node: n }));
  for (const e of findAll(node, 'Execute')) {
    const proc = e.procedure?.kind === 'ObjectName' ? e.procedure.parts.map((p) => p.name.toLowerCase()) : [];
    if (proc.at(-1) !== 'sp_sequence_get_range') continue;
    const arg = e.args.find((a) => a.name?.toLowerCase() === '@sequence_name') ?? e.args.find((a, i) => i === 0 && a.name === undefined);
    const value = arg?.value;
    if (value?.kind !== 'Literal' || (value.literalType !== 'string' && value.literalType !== 'nstring')) continue;
    const parts = value.value.split('.').map((p) => ({ name: p.trim().replace(/^\[(.*)\]$/, '$1').replace(/\]\]/g, ']') }));
    out.push({ key: objectKey(parts), name: value.value, node: e });
  }
  return out;
}

/** The sequences `statements` draw from, once each, named as the code first writes them. */
export function sequencesDrawn(statements: readonly Statement[]): string[] {
  const names = new Map<string, string>();
  for (const d of statements.flatMap((s) => drawsIn(s))) if (!names.has(d.key)) names.set(d.key, d.name);
  return [...names.values()];
}

/**
 * Refuses a section that draws a sequence the procedure drew from before the section's first
 * statement (see above). Draws inside a loop that holds the section are not looked at: a loop is
 * never split across sections.
 */
export function refuseSequenceDrawnBefore(state: EmulatorState, procedure: CreateProcedure, statements: readonly Statement[]): void {
  const first = statements[0];
  if (first === undefined) return;
  const inSection = statements.flatMap((s) => drawsIn(s));
  if (inSection.length === 0) return;
  const start = first.span.start;
  const before = procedure.body.flatMap((s) => drawsIn(s)).filter((d) => d.node.span.start.line < start.line || (d.node.span.start.line === start.line && d.node.span.start.column < start.column));
  for (const d of inSection) {
    const earlier = before.find((b) => b.key === d.key);
    if (earlier === undefined) continue;
    throw state.unsupported(d.node, `a section drawing the sequence ${d.name} that the procedure draws before it (${state.place(earlier.node.span)}): where the sequence stands when the section starts is not in the scenario (record the sequence's draws in one section, or check the ids by hand)`);
  }
}
