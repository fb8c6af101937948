/**
 * @cucumber/gherkin 42 is ESM-only. We keep the current major (the maintained parser, same
 * AST the docs describe) and load it with a dynamic `import()`: with `module: node16`,
 * TypeScript leaves `import()` in CommonJS output as a real dynamic import (not `require`),
 * which Node 20 can use to load ESM; under jest, swc turns it into `require` of the
 * swc-transformed package (see jest.config.js). The cost is that parsing a spec is async.
 */
type Gherkin = typeof import('@cucumber/gherkin', { with: { 'resolution-mode': 'import' } });
type Messages = typeof import('@cucumber/messages', { with: { 'resolution-mode': 'import' } });

/** The parsed Gherkin document type of the loaded package. */
export type GherkinDocument = import('@cucumber/messages', { with: { 'resolution-mode': 'import' } }).GherkinDocument;

let loaded: Promise<{ gherkin: Gherkin; messages: Messages }> | undefined;

/** Loads the parser once per process. */
function loadGherkin(): Promise<{ gherkin: Gherkin; messages: Messages }> {
  loaded ??= Promise.all([import('@cucumber/gherkin'), import('@cucumber/messages')]).then(([gherkin, messages]) => ({ gherkin, messages }));
  return loaded;
}

/** A syntax error the Gherkin parser reported, with its position. */
export interface GherkinSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * Parses Gherkin text. Returns the document, or every syntax error the parser found (it
 * reports them as `(line:col): message`; we keep the position and the message apart).
 */
export async function parseGherkin(text: string): Promise<{ document?: GherkinDocument; errors: GherkinSyntaxError[] }> {
  const { gherkin, messages } = await loadGherkin();
  const parser = new gherkin.Parser(new gherkin.AstBuilder(messages.IdGenerator.incrementing()), new gherkin.GherkinClassicTokenMatcher());
  try {
    return { document: parser.parse(text), errors: [] };
  } catch (err) {
    const list = (err as { errors?: unknown[] }).errors ?? [err];
    return {
      errors: list.map((e) => {
        const message = e instanceof Error ? e.message : String(e);
        const m = /^\((\d+):(\d+)\):\s*(.*)$/s.exec(message);
        return m ? { line: Number(m[1]), column: Number(m[2]), message: m[3] as string } : { line: 1, column: 1, message };
      }),
    };
  }
}
