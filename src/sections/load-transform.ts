import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { SectionsError } from '../core';
import type { TableSchema, TableShape, Transform } from '../engine';

type LoadedTransform = Transform<Readonly<Record<string, TableSchema>>, TableSchema, TableShape>;

let hookInstalled = false;

/**
 * Lets `require` load a workspace's TypeScript transforms: each .ts file is transpiled to
 * CommonJS with the workspace's `typescript` package (types are checked by `tsc`, not here).
 * Installed once, only when a .ts transform is loaded.
 */
function installTypeScriptHook(): void {
  if (hookInstalled) return;
  let ts: typeof import('typescript');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ts = require('typescript') as typeof import('typescript');
  } catch {
    throw new SectionsError('SECTIONS_NO_TYPESCRIPT', 'loading .ts transforms needs the typescript package', { hint: 'npm install --save-dev typescript in the workspace' });
  }
  const extensions = (Module as unknown as { _extensions: Record<string, (m: NodeModule & { _compile(code: string, file: string): void }, file: string) => void> })._extensions;
  extensions['.ts'] = (m, file) => {
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false, inlineSourceMap: true },
    });
    m._compile(out.outputText, file);
  };
  hookInstalled = true;
}

/** Loads a section's transform module (its default export) and checks it is one. */
export function loadTransform(file: string): LoadedTransform {
  if (!existsSync(file)) {
    throw new SectionsError('SECTIONS_NO_TRANSFORM', `no transform at ${file}`, { hint: 'run `migrate scaffold <section>` to create it' });
  }
  if (file.endsWith('.ts')) installTypeScriptHook();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { default?: unknown };
  const t = mod.default as LoadedTransform | undefined;
  if (!t || t.kind !== 'transform') {
    throw new SectionsError('SECTIONS_BAD_TRANSFORM', `${file} does not export a transform as default`, { hint: 'export default defineTransform({...})' });
  }
  return t;
}

/** Whether a transform file is still the scaffolded stub (its body calls notImplemented). */
export function isStubTransform(file: string): boolean {
  if (!existsSync(file)) return true;
  return /\bnotImplemented\s*\(/.test(readFileSync(file, 'utf8'));
}
