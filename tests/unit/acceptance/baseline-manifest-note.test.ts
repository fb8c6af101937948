import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nonReproducibleNote } from '../../../src/acceptance/baseline-manifest-note';

// A capture lists the output columns SQL Server could fill otherwise (the spelling a
// case-insensitive GROUP BY shows): accept says so where the expected file is such a baseline.
describe('nonReproducibleNote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'accept-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'dbo.AccountSummary.csv'), 'AccountCode,Cnt\nABC01,2\n');
  writeFileSync(join(dir, 'dbo.Contact.csv'), 'ContactID\n1\n');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    nonReproducible: ['dbo.AccountSummary.AccountCode', 'result-set-1.AccountCode'],
    nonReproducibleCauses: ['the spelling of the text grouped at p.sql:21:8'],
  }));

  it('names the columns of that table and why, for a baseline the manifest lists', () => {
    const note = nonReproducibleNote({ kind: 'csv', path: join(dir, 'dbo.AccountSummary.csv') });
    expect(note).toMatch(/^the baseline's manifest\.json lists AccountCode as not reproducible \(the spelling of the text grouped at p\.sql:21:8\): the capture holds one of the values SQL Server may give/);
  });

  it('leaves out the columns the comparison ignores, and says nothing when it ignores them all', () => {
    writeFileSync(join(dir, 'dbo.Tier Audit.csv'), 'AuditId,Change Kind,TierCode\n1,INSERT,GOLD\n');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
      nonReproducible: ['dbo.AccountSummary.AccountCode', 'dbo.Tier Audit.AuditId'],
      nonReproducibleCauses: ['identity values of dbo.Tier Audit numbered by the OUTPUT … INTO at p.sql:9:3'],
    }));
    const audit = { kind: 'csv' as const, path: join(dir, 'dbo.Tier Audit.csv') };
    expect(nonReproducibleNote(audit)).toMatch(/^the baseline's manifest\.json lists AuditId as not reproducible .*or leave them out of the comparison \(ignore\)$/);
    expect(nonReproducibleNote(audit, ['auditid'])).toBeUndefined();
    expect(nonReproducibleNote(audit, ['TierCode'])).toMatch(/lists AuditId as not reproducible/);
  });

  it('finds a table stored under an escaped file name by the manifest\'s file entry, not by the file stem', () => {
    writeFileSync(join(dir, 'Ops.Stock_ Count~375bb097.csv'), 'Item #,Seq\nA,1\n');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
      tables: [{ name: 'ops.[stock: count]', displayName: 'Ops.Stock: Count', file: 'Ops.Stock_ Count~375bb097.csv', rows: 1, key: ['Item #'] }],
      nonReproducible: ['Ops.Stock: Count.Seq'],
      nonReproducibleCauses: ['identity values of Ops.Stock: Count numbered by the INSERT … SELECT at p.sql:4:3'],
    }));
    expect(nonReproducibleNote({ kind: 'csv', path: join(dir, 'Ops.Stock_ Count~375bb097.csv') })).toMatch(/^the baseline's manifest\.json lists Seq as not reproducible/);
  });

  it('says nothing for a table the manifest does not list, or a file without a manifest beside it', () => {
    expect(nonReproducibleNote({ kind: 'csv', path: join(dir, 'dbo.Contact.csv') })).toBeUndefined();
    expect(nonReproducibleNote({ kind: 'csv', path: join(tmpdir(), 'no-such-dir', 'x.csv') })).toBeUndefined();
    expect(nonReproducibleNote({ kind: 'sql', query: 'SELECT 1' })).toBeUndefined();
  });

  it('cites only the causes the manifest lists for those columns when it lists them per column', () => {
    writeFileSync(join(dir, 'dbo.Payee Roll.csv'), 'Payee,Lines\nACME,2\n');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
      nonReproducible: ['dbo.Payee Roll.Payee', 'result-set-1.Refs'],
      nonReproducibleCauses: ['the spelling of the text grouped at p.sql:10:12, values STRING_AGG() concatenates at p.sql:17:12, taken in the other order'],
      nonReproducibleColumnCauses: { 'dbo.Payee Roll.Payee': ['the spelling of the text grouped at p.sql:10:12, taken in the other order'], 'result-set-1.Refs': ['values STRING_AGG() concatenates at p.sql:17:12, taken in the other order'] },
    }));
    const note = nonReproducibleNote({ kind: 'csv', path: join(dir, 'dbo.Payee Roll.csv') });
    expect(note).toMatch(/lists Payee as not reproducible \(the spelling of the text grouped at p\.sql:10:12, taken in the other order\):/);
    expect(note).not.toMatch(/17:12/);
  });
});
