import type { AnalysedObject, DefinitionRef } from '../dataflow';
import { codeCell, linkText } from './markdown-table';

/** Finds the report of one definition (a relative link), when there is one. */
export type DefinitionHref = (definition: DefinitionRef) => string | undefined;

/**
 * The note at the top of the report of an object the files define more than once: which
 * definition this page shows, whether it is the one in effect (and why), and links to the
 * reports of the others. Nothing for an object defined once.
 */
export function renderDefinitionNote(object: AnalysedObject, href?: DefinitionHref): string[] {
  const d = object.duplicate;
  if (d === undefined) return [];
  const isThis = (x: DefinitionRef): boolean => x.file === object.file && x.line === object.lines.start;
  const link = (x: DefinitionRef): string => {
    const text = `${x.verb} in ${x.file}:${x.line}`;
    const target = href?.(x);
    return target === undefined ? codeCell(text) : `[${linkText(text)}](${target})`;
  };
  const mine = `${d.verb} in ${codeCell(`${object.file}:${object.lines.start}`)}`;
  const rule = 'running the files in order, a later ALTER, CREATE OR ALTER, or CREATE after a DROP of the object in its script replaces an earlier definition, and a second plain CREATE would fail on SQL Server';
  const others = d.definitions.filter((x) => !isThis(x));
  if (d.dropped !== undefined) {
    return ['', `> **Dropped.** This page shows the ${mine}; ${codeCell(`${d.dropped.file}:${d.dropped.line}`)} drops the object and no later script defines it again, `
      + `so it is not in the database: the system diagram, the migration order, sections and capture leave it out.${others.length > 0 ? ` Also defined: ${others.map(link).join(', ')}.` : ''}`];
  }
  if (d.current) {
    return ['', `> **Defined ${d.definitions.length} times.** This page shows the ${mine}, the definition in effect (${rule}). Also defined: ${others.map(link).join(', ')}.`];
  }
  const current = d.definitions.find((x) => x.current);
  const rest = others.filter((x) => !x.current);
  return ['', `> **Defined ${d.definitions.length} times; this definition is not in effect.** This page shows the ${mine}; `
    + `the definition in effect is the ${current === undefined ? 'other one' : link(current)} (${rule}).${rest.length > 0 ? ` Also defined: ${rest.map(link).join(', ')}.` : ''}`];
}
