export * from './ast';
export * from './lexer';
export * from './names';
export * from './visitor';
