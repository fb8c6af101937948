import type { Node } from '../../tsql';

// Dynamic SQL (EXEC (@sql), sp_executesql) runs as a batch of its own, not as a module: SQL Server
// numbers its lines from the first line of the text (ERROR_LINE(), "Line n"), ERROR_PROCEDURE()
// of an error raised in it is NULL, and it has no @@PROCID of a procedure. The emulator runs the
// text as the body of a one-off procedure (for its scope and sp_executesql's parameters); these
// helpers keep that wrapper from showing in what the legacy code reads.

const dynamicModules = new WeakSet<Node>();

/**
 * The script text of the one-off procedure for `text`: the header stands on the text's first
 * line, so line n of the script is line n of the dynamic SQL (lines of errors and of locations).
 * The declaration (sp_executesql's parameter list, no strings in it) goes on that line too: its
 * `--` comments are dropped and its line breaks become spaces, so they do not shift the text.
 */
export function dynamicSqlScriptText(name: string, declaration: string, text: string): string {
  const decl = declaration.replace(/--[^\r\n]*/g, '').replace(/\r\n|\r|\n/g, ' ');
  return `CREATE PROCEDURE ${name} ${decl} AS BEGIN ${text}\nEND\n`;
}

/** Marks the one-off procedure that runs a dynamic SQL text. */
export function markDynamicSql(procedure: Node): void {
  dynamicModules.add(procedure);
}

/** True when `procedure` is the wrapper of a dynamic SQL text, not a module of the database. */
export function isDynamicSql(procedure: Node | undefined): boolean {
  return procedure !== undefined && dynamicModules.has(procedure);
}
