import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LegacyError } from '../../../src/core';
import { quoteMssqlIdent, quoteMssqlName, readMssqlConnection } from '../../../src/legacy/mssql-runner';

describe('readMssqlConnection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mssql-config-'));
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ url: 'mssql://sa@db:1500/Kpi?trustServerCertificate=true', password: 'fromfile' }));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{ not json');

  it.each([
    [{}, undefined],
    [{ MIGRATE_MSSQL_URL: '  ' }, undefined],
    [{ MIGRATE_MSSQL_URL: 'mssql://u@h/db', MIGRATE_MSSQL_PASSWORD: 'p' }, { server: 'h', user: 'u', password: 'p', database: 'db' }],
    [{ MIGRATE_MSSQL_CONFIG: good }, { server: 'db', port: 1500, password: 'fromfile', trustServerCertificate: true }],
    [{ MIGRATE_MSSQL_CONFIG: good, MIGRATE_MSSQL_PASSWORD: 'env' }, { password: 'env' }],
  ])('%j', (env, expected) => {
    const c = readMssqlConnection(env);
    if (expected === undefined) expect(c).toBeUndefined();
    else expect(c).toMatchObject(expected);
  });

  it.each([bad, join(dir, 'missing.json')])('rejects an unreadable config %s', (file) => {
    expect(() => readMssqlConnection({ MIGRATE_MSSQL_CONFIG: file })).toThrow(LegacyError);
  });
});

describe('quoting for SQL Server', () => {
  it.each([
    ['a]b', '[a]]b]'],
    ['Device', '[Device]'],
  ])('quoteMssqlIdent(%p) = %p', (name, expected) => {
    expect(quoteMssqlIdent(name)).toBe(expected);
  });

  it.each([
    ['dbo.Device', '[dbo].[Device]'],
    ['[kpi].[Daily Usage]', '[kpi].[Daily Usage]'],
    ['[a.b].c', '[a.b].[c]'],
  ])('quoteMssqlName(%p) = %p', (name, expected) => {
    expect(quoteMssqlName(name)).toBe(expected);
  });
});
