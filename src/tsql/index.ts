export * from './ast';
export * from './lexer';
export * from './names';
export * from './visitor';
export * from './statements';
export { parseScript } from './parse-script';
export type { ParseOptions } from './parse-script';
export { dumpTree } from './dump-tree';
export { RESERVED } from './parser-core';
