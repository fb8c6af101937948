import type * as A from '../tsql';
import { normalizeNameParts, splitObjectName, walk } from '../tsql';

/*
 * `DISABLE TRIGGER trg ON dbo.T` (or `ALTER TABLE dbo.T DISABLE TRIGGER ALL`) inside a procedure:
 * the statements that run after it, until the ENABLE, write dbo.T without the trigger running,
 * so the graph must not show them firing it. Only where that is certain: the DISABLE comes
 * before the statement in a list of statements it runs in (its own, or one enclosing it), with
 * no ENABLE, no label (a GOTO may land there) and no toggle inside an IF, loop or TRY between
 * them. Anything else (a DISABLE in an IF before it, a loop that enables it again on the next
 * turn) keeps the trigger firing and is said in a diagnostic.
 */

/** A DISABLE or ENABLE of one table's triggers: `names` lower-case last parts, none for ALL. */
interface Toggle {
  readonly enable: boolean;
  readonly table: string;
  readonly names: readonly string[] | 'all';
  readonly line: number;
}

/** How a statement stands to a trigger: disabled surely, uncertain (with why), or as the scripts define it. */
export type ToggleState = { readonly kind: 'disabled'; readonly line: number } | { readonly kind: 'uncertain'; readonly why: string } | { readonly kind: 'default' };

/** The toggle a statement is, if it is one (DISABLE/ENABLE TRIGGER … ON t, ALTER TABLE t DISABLE|ENABLE TRIGGER …). */
function toggleOf(s: A.Node, defaultSchema: string): Toggle | undefined {
  if (s.kind === 'OpaqueStatement' && (s.command === 'DISABLE TRIGGER' || s.command === 'ENABLE TRIGGER') && s.target !== undefined) {
    const list = /^\s*(?:DISABLE|ENABLE)\s+TRIGGER\s+([\s\S]*?)\s+ON\s/i.exec(s.text)?.[1];
    // `… ON DATABASE` / `ON ALL SERVER` are DDL triggers: no table
    if (list === undefined || /^(DATABASE|ALL)$/i.test(s.target.parts.map((p) => p.name).join('.'))) return undefined;
    return { enable: s.command === 'ENABLE TRIGGER', table: normalizeNameParts(s.target.parts.map((p) => p.name), defaultSchema), names: triggerNames(list), line: s.span.start.line };
  }
  if (s.kind === 'AlterTable') {
    const m = /^\s*(DISABLE|ENABLE)\s+TRIGGER\s+([\s\S]*?)\s*;?\s*$/i.exec(s.text);
    if (m === null) return undefined;
    return { enable: (m[1] ?? '').toUpperCase() === 'ENABLE', table: normalizeNameParts(s.name.parts.map((p) => p.name), defaultSchema), names: triggerNames(m[2] ?? ''), line: s.span.start.line };
  }
  return undefined;
}

/** `ALL` or `dbo.trg_a, [trg b]` as lower-case last parts. */
function triggerNames(list: string): readonly string[] | 'all' {
  if (/^ALL$/i.test(list.trim())) return 'all';
  return list.split(/,(?![^[]*\])/).map((n) => (splitObjectName(n.trim()).at(-1) ?? '').toLowerCase());
}

const touches = (t: Toggle, table: string, trigger: string): boolean => t.table === table && (t.names === 'all' || t.names.includes(trigger));

/** Where each statement of a unit sits: its list, its place in it, and the statement holding the list. */
interface Place { readonly list: readonly A.Statement[]; readonly index: number; readonly owner: A.Statement | undefined }

/** The DISABLE/ENABLE TRIGGER statements of one analysis unit, and where its statements sit. */
export class TriggerToggles {
  private readonly toggles = new Map<A.Node, Toggle>();
  private readonly places = new Map<A.Statement, Place>();

  constructor(statements: readonly A.Statement[], private readonly defaultSchema: string) {
    this.place(statements, undefined);
  }

  private place(list: readonly A.Statement[], owner: A.Statement | undefined): void {
    list.forEach((s, index) => {
      this.places.set(s, { list, index, owner });
      const t = toggleOf(s, this.defaultSchema);
      if (t !== undefined) this.toggles.set(s, t);
      switch (s.kind) {
        case 'Block': this.place(s.statements, s); break;
        case 'If': this.place([s.then], s); if (s.else !== undefined) this.place([s.else], s); break;
        case 'While': this.place([s.body], s); break;
        case 'TryCatch': this.place(s.tryStatements, s); this.place(s.catchStatements, s); break;
        default: break;
      }
    });
  }

  /** Whether the unit toggles any trigger (most do not: then nothing is looked up). */
  get empty(): boolean {
    return this.toggles.size === 0;
  }

  /** A toggle of `table`'s trigger `trigger` (lower-case last part) anywhere inside `s`. */
  private inside(s: A.Node, table: string, trigger: string): Toggle | undefined {
    let found: Toggle | undefined;
    walk(s, (n) => {
      const t = this.toggles.get(n);
      if (t !== undefined && touches(t, table, trigger)) found ??= t;
      return found === undefined ? undefined : false;
    });
    return found;
  }

  /** How statement `s` stands to trigger `trigger` (normalised name) of `table` (normalised). */
  stateAt(s: A.Statement, table: string, trigger: string): ToggleState {
    if (this.toggles.size === 0) return { kind: 'default' };
    const name = trigger.split('.').at(-1) ?? trigger;
    if (![...this.toggles.values()].some((t) => touches(t, table, name))) return { kind: 'default' };
    for (let node: A.Statement | undefined = s; node !== undefined;) {
      const place = this.places.get(node);
      if (place === undefined) break;
      for (let i = place.index - 1; i >= 0; i--) {
        const sibling = place.list[i] as A.Statement;
        const own = this.toggles.get(sibling);
        if (own !== undefined && touches(own, table, name)) return own.enable ? { kind: 'default' } : { kind: 'disabled', line: own.line };
        if (sibling.kind === 'Label') return { kind: 'uncertain', why: `the label ${sibling.name} at line ${sibling.span.start.line} lies before it (a GOTO may reach it with the trigger enabled or disabled)` };
        const nested = this.inside(sibling, table, name);
        if (nested !== undefined) return { kind: 'uncertain', why: `the ${nested.enable ? 'ENABLE' : 'DISABLE'} TRIGGER at line ${nested.line} runs only under a condition, loop or TRY before it` };
      }
      const owner = place.owner;
      // a loop runs its body again: a toggle anywhere in it may come before this statement on the next turn
      const looped = owner?.kind === 'While' ? this.inside(owner.body, table, name) : undefined;
      if (looped !== undefined) return { kind: 'uncertain', why: `the loop at line ${owner?.span.start.line ?? 0} toggles it (line ${looped.line}) on every turn` };
      // a CATCH runs after any part of its TRY
      const tried = owner?.kind === 'TryCatch' && owner.catchStatements.includes(node) ? owner.tryStatements.map((x) => this.inside(x, table, name)).find((x) => x !== undefined) : undefined;
      if (tried !== undefined) return { kind: 'uncertain', why: `its TRY toggles it at line ${tried.line}, and an error may leave the TRY before or after that` };
      node = owner;
    }
    return { kind: 'default' };
  }
}
