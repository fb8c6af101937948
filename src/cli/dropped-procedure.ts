import { displayPath } from '../core';
import { normalizeObjectName } from '../sections';
import { definitionKey, objectsDroppedForGood, type ParsedScript } from '../tsql';

/**
 * Why a procedure the scripts define is not known to the workspace: a later script drops it and
 * none defines it again (a migrations folder retiring an old report), so it is not in the
 * database. Undefined when the scripts do not drop it: the name is simply unknown.
 */
export function droppedProcedureNote(scripts: readonly ParsedScript[], name: string): string | undefined {
  const site = objectsDroppedForGood(scripts).get(definitionKey('procedure', normalizeObjectName(name)));
  if (site === undefined) return undefined;
  return `${name} is dropped at ${displayPath(site.file)}:${site.line} and no later script defines it again, so it is not in the database`;
}
