export * from './source-span';
export * from './errors';
export * from './diagnostics';
export * from './files';
export * from './staged-files';
export * from './file-names';
export * from './csv-encoding';
export * from './sqlcmd-output';
