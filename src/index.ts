// Library surface for programmatic use (the CLI is src/cli).
export * as core from './core';
