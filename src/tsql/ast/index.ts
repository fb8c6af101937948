/*
 * The T-SQL syntax tree. Every node is a readonly object with a string `kind` and the `span`
 * of source it was read from. Optional parts are `undefined` when absent (never null), lists
 * are always present (possibly empty), so consumers never need to guard against both.
 * These files only grow: kinds and fields are never renamed, so downstream modules (data flow,
 * sections, legacy emulator) can rely on them.
 */
export type * from './node-base';
export type * from './names-and-types';
export type * from './expressions';
export type * from './queries';
export type * from './table-sources';
export type * from './data-statements';
export type * from './procedural-statements';
export type * from './ddl';
export type * from './containers';
export type * from './script';
