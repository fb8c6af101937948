import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { SectionsError } from '../core';
import type { TableSchema, TableShape, Transform } from '../engine';

type LoadedTransform = Transform<Readonly<Record<string, TableSchema>>, TableSchema, TableShape>;

let hookInstalled = false;

/** Turns one TypeScript file into CommonJS with an inline source map (`migrate test --coverage` maps V8's counts back through it). */
type Transpile = (code: string, file: string) => string;

/**
 * SWC when the workspace has it (`migrate init` installs @swc/core for jest): native, it loads
 * in ~0.1 s and transpiles a file in about a millisecond, where the typescript package takes
 * ~0.4 s to load and ~3.7 s of CPU to transpile the example's transforms and the engine they
 * import (a `migrate run` of BuildDeviceKpis spent 65% of its start-up there).
 */
function swcTranspiler(): Transpile | undefined {
  let swc: typeof import('@swc/core');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    swc = require('@swc/core') as typeof import('@swc/core');
  } catch {
    return undefined;
  }
  return (code, file) => swc.transformSync(code, {
    filename: file, sourceMaps: 'inline', swcrc: false, configFile: false,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  }).code;
}

/** The typescript package's transpiler, when SWC is not installed. */
function typescriptTranspiler(): Transpile {
  let ts: typeof import('typescript');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ts = require('typescript') as typeof import('typescript');
  } catch {
    throw new SectionsError('SECTIONS_NO_TYPESCRIPT', 'loading .ts transforms needs the typescript package (or @swc/core)', { hint: 'npm install --save-dev typescript in the workspace' });
  }
  return (code, file) => ts.transpileModule(code, {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false, inlineSourceMap: true },
  }).outputText;
}

/**
 * Lets `require` load a workspace's TypeScript transforms: each .ts file is transpiled to
 * CommonJS (types are checked by `tsc`, not here), by SWC or else the typescript package.
 * Installed once, only when a .ts transform is loaded.
 */
function installTypeScriptHook(): void {
  if (hookInstalled) return;
  const transpile = process.env.MIGRATE_TRANSPILER === 'typescript' ? typescriptTranspiler() : swcTranspiler() ?? typescriptTranspiler();
  const extensions = (Module as unknown as { _extensions: Record<string, (m: NodeModule & { _compile(code: string, file: string): void }, file: string) => void> })._extensions;
  extensions['.ts'] = (m, file) => {
    m._compile(transpile(readFileSync(file, 'utf8'), file), file);
  };
  hookInstalled = true;
}

/** Loads a section's transform module (its default export) and checks it is one. */
export function loadTransform(file: string): LoadedTransform {
  if (!existsSync(file)) {
    throw new SectionsError('SECTIONS_NO_TRANSFORM', `no transform at ${file}`, { hint: 'run `migrate scaffold <section>` to create it' });
  }
  if (file.endsWith('.ts')) installTypeScriptHook();
  let mod: { default?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(file) as { default?: unknown };
  } catch (err) {
    // The workspace's own install of the library is missing: say so once, not as a require stack.
    const missing = /Cannot find module '((?:@[^/']+\/)?[^/']+)[^']*'/.exec(err instanceof Error ? err.message : '');
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && missing !== null && !missing[1]?.startsWith('.')) {
      throw new SectionsError('SECTIONS_LIBRARY_MISSING', `${file} imports ${missing[1]}, which this workspace has not installed`, {
        hint: `run \`npm install\` in the workspace (a workspace made by \`migrate init\` before the library is on a registry needs \`--tool-spec <tarball or git URL>\`, see the README)`,
      });
    }
    throw err;
  }
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
