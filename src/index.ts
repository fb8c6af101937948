// Library surface for programmatic use and for generated code in a migration workspace
// (scaffolded transforms import `defineTransform`/`table` from here). The CLI is src/cli.
export * as core from './core';
export * as tsql from './tsql';
export * as dataflow from './dataflow';
export * as render from './render';
export * as sections from './sections';
export * as acceptance from './acceptance';
export * as legacy from './legacy';
export * from './engine';
