// Lint style + the module boundaries of shared/DESIGN.md: one direction of dependency.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const boundary = (from, forbidden) => ({
  files: [`src/${from}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: forbidden.map((m) => ({
        group: [`../${m}`, `../${m}/*`, `../../${m}`, `../../${m}/*`],
        message: `src/${from} must not import src/${m} (see DESIGN.md, Architecture).`,
      })),
    }],
  },
});

const all = ['core', 'tsql', 'dataflow', 'render', 'sections', 'engine', 'legacy', 'acceptance', 'cli', 'transforms', 'draft'];
const allowed = {
  core: [],
  tsql: ['core'],
  dataflow: ['core', 'tsql'],
  render: ['core', 'tsql', 'dataflow'],
  engine: ['core'],
  acceptance: ['core', 'engine'],
  legacy: ['core', 'tsql', 'engine'],
  sections: ['core', 'tsql', 'dataflow', 'engine'],
  transforms: ['core', 'engine'],
  // draft reads the parsed legacy code and writes transforms as sections scaffolds them;
  // sections never imports draft (cli wires `scaffold --draft`), so the graph stays acyclic.
  draft: ['core', 'tsql', 'dataflow', 'engine', 'sections'],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-throw-literal': 'error',
    },
  },
  ...Object.entries(allowed).map(([from, ok]) => boundary(from, all.filter((m) => m !== from && !ok.includes(m)))),
);
