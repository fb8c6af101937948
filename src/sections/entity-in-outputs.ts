// The one rule `@entity` must keep, for every command that reads or writes it (`sections check`,
// `scaffold`, `sections record --from-data`): the entity column is a column of every output the
// section's scenarios give, because the per-entity runs are unioned and compared by it. One
// implementation, so that record never writes a feature scaffold then refuses.
import { encodeTagValue, quoteNamePart } from './spec-names';

/** An output's Then table as the rule sees it: its name, its columns, the line of its step (when in a file). */
export interface EntityOutputTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string }[];
  readonly line?: number;
}

/** Where the `@entity:` tag stands (line and column of the feature). */
export interface EntityTagAt { readonly line: number; readonly column: number }

/** A broken rule: at the tag, what lacks the column, what to do. */
export interface EntityProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint: string;
}

/**
 * The first output table that lacks the entity column, as a problem located at the `@entity` tag
 * (the tag is what to change, not the table), or undefined when every output has the column.
 */
export function entityNotInOutputs(entity: string, tagAt: EntityTagAt, tables: readonly EntityOutputTable[]): EntityProblem | undefined {
  const wanted = entity.toLowerCase();
  const lacking = tables.find((t) => !t.columns.some((c) => c.name.toLowerCase() === wanted));
  if (lacking === undefined) return undefined;
  const tag = `@entity:${encodeTagValue(quoteNamePart(entity))}`;
  const where = lacking.line === undefined ? '' : ` (Then table at line ${lacking.line})`;
  const columns = lacking.columns.map((c) => quoteNamePart(c.name)).join(', ') || 'none';
  return {
    line: tagAt.line, column: tagAt.column,
    message: `${tag} is not a column of the output ${lacking.name}${where}, whose columns are ${columns}: per-entity runs are unioned by it, so every output must have it`,
    hint: `tag the section with a column every output has, or move ${lacking.name} to a section of its own, or remove ${tag} (scenarios are then written by hand, not --from-data)`,
  };
}
