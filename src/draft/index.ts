export * from './draft-model';
export * from './sql-types';
export * from './draft-scope';
export * from './sql-text';
export * from './translate-expression';
export * from './translate-query';
export * from './loop-rewriters';
export * from './render-draft';
