export * from './session';
export * from './column-types';
export * from './transform';
export * from './transform-values';
export * from './transform-independence';
export * from './table-source';
