import { LegacyError } from '../../../src/core';
import { describeConnection, parseMssqlUrl, redactUrl } from '../../../src/legacy/mssql-url';

describe('parseMssqlUrl', () => {
  it.each([
    ['mssql://sa@db.example:1433/Kpi?encrypt=true&trustServerCertificate=true', undefined,
      { server: 'db.example', port: 1433, database: 'Kpi', user: 'sa', password: undefined, encrypt: true, trustServerCertificate: true }],
    ['mssql://sa:s3cr%40t@localhost/Kpi', undefined,
      { server: 'localhost', port: 1433, database: 'Kpi', user: 'sa', password: 's3cr@t', encrypt: true, trustServerCertificate: false }],
    ['mssql://sa:inurl@localhost:14330/Kpi?Encrypt=false', 'fromenv',
      { server: 'localhost', port: 14330, database: 'Kpi', user: 'sa', password: 'fromenv', encrypt: false, trustServerCertificate: false }],
    ['mssql://localhost', undefined,
      { server: 'localhost', port: 1433, database: undefined, user: undefined, password: undefined }],
  ])('%s', (url, envPassword, expected) => {
    expect(parseMssqlUrl(url, envPassword)).toMatchObject(expected);
  });

  it.each([
    ['not a url at all', /not a valid URL/],
    ['postgres://u:p@h/db', /must start with mssql:\/\//],
    ['mssql://u:p@h/db?encrypt=maybe', /encrypt=maybe is not a boolean/],
    ['mssql://u:p@h/db?requestTimeout=-1', /requestTimeout/],
  ])('rejects %s', (url, message) => {
    expect(() => parseMssqlUrl(url)).toThrow(LegacyError);
    expect(() => parseMssqlUrl(url)).toThrow(message);
  });

  it('never echoes the password in an error', () => {
    try {
      parseMssqlUrl('mssql://sa:Hunter2Secret@h/db?encrypt=nope');
      throw new Error('expected a LegacyError');
    } catch (err) {
      expect((err as LegacyError).format()).not.toContain('Hunter2Secret');
    }
  });
});

describe('redactUrl', () => {
  it.each([
    ['mssql://sa:pw123@host:1433/db', 'mssql://sa:***@host:1433/db'],
    ['failed: mssql://u:p%40ss@h/db?x=1 (timeout)', 'failed: mssql://u:***@h/db?x=1 (timeout)'],
    ['Server=h;User Id=sa;Password=abc;', 'Server=h;User Id=sa;Password=***;'],
    ['mssql://sa@host/db', 'mssql://sa@host/db'],
    ['no url here', 'no url here'],
  ])('%s', (text, expected) => {
    expect(redactUrl(text)).toBe(expected);
  });

  it('removes known secrets wherever they appear', () => {
    expect(redactUrl('login failed for sa with TopSecret!', ['TopSecret!'])).toBe('login failed for sa with ***');
  });

  it('describes a connection without its password', () => {
    expect(describeConnection(parseMssqlUrl('mssql://sa:pw@h:1500/db'))).toBe('sa@h:1500/db');
  });
});
