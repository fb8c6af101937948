// swc strips types only (~0.35 s start-up vs ~2.5 s for ts-jest); `npm run typecheck` is the
// type check. ESM-only packages (gherkin, mermaid and their deps) are transformed to CJS.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@cucumber|mermaid|@mermaid-js|d3|d3-.*|internmap|delaunator|robust-predicates|lodash-es|khroma|dagre-d3-es|uuid|marked|stylis|roughjs|cytoscape|ts-dedent|dayjs|langium|chevrotain|vscode-.*|@chevrotain|mlly|pathe|ufo|@iconify|katex|@upsetjs|dompurify)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  // A guard against a hang, not a speed check: the heaviest e2e tests (the example recorded from
  // data, drafted and tested) take 20-40 s on an idle 2-core machine and passed 60 s on a loaded one.
  testTimeout: 180000,
  // One worker per core: jest's default (cores - 1) is a single worker on a 2-core CI machine,
  // which runs every file in band and leaves the other core idle.
  maxWorkers: '100%',
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/tests/setup/matchers.ts'],
  reporters: ['default'],
};
