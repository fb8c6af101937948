import type { draftBody } from '../../../src/draft';
import { draftOf } from './draft-harness';

// A loader zeroes negative credit limits after a savepoint and backs the change out when it would
// zero a nameless customer. The ROLLBACK undoes the UPDATE: a draft that kept the UPDATE and
// skipped the ROLLBACK (as if it were BEGIN/COMMIT housekeeping) would give 0 where legacy keeps -5.
const DDL = 'CREATE TABLE dbo.Cust (Code varchar(10) NOT NULL PRIMARY KEY, Name varchar(50) NULL, Credit int NULL);';
const CUST = { name: 'dbo.Cust', columns: ['Code:text', 'Name:text?', 'Credit:int?'] };
const refusals = (body: ReturnType<typeof draftBody>): string => body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`).join('\n');

describe('drafts of a ROLLBACK outside CATCH', () => {
  it('refuse the write a ROLLBACK TRANSACTION to a savepoint under an IF may undo', () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_Clean AS
BEGIN
  SAVE TRANSACTION before_cleanup;
  UPDATE dbo.Cust SET Credit = 0 WHERE Credit < 0;
  IF EXISTS (SELECT 1 FROM dbo.Cust WHERE Credit = 0 AND Name IS NULL)
    ROLLBACK TRANSACTION before_cleanup;
END`, { ddl: DDL, inputs: [CUST], output: CUST });
    expect(body.sql).toBeUndefined();
    expect(refusals(body)).toMatch(/^5:3 IF/);
  });

  it('refuse an unconditional ROLLBACK, naming it', () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_Clean AS
BEGIN
  BEGIN TRANSACTION;
  UPDATE dbo.Cust SET Credit = 0 WHERE Credit < 0;
  ROLLBACK TRANSACTION;
END`, { ddl: DDL, inputs: [CUST], output: CUST });
    expect(body.sql).toBeUndefined();
    expect(refusals(body)).toMatch(/^5:3 ROLLBACK TRANSACTION: it undoes what was written since the BEGIN TRANSACTION/);
  });

  it('still drafts BEGIN, SAVE and COMMIT around a write as housekeeping', () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_Clean AS
BEGIN
  BEGIN TRANSACTION;
  SAVE TRANSACTION before_cleanup;
  UPDATE dbo.Cust SET Credit = 0 WHERE Credit < 0;
  COMMIT TRANSACTION;
END`, { ddl: DDL, inputs: [CUST], output: CUST });
    expect(refusals(body)).toBe('');
    expect(body.sql).toBeDefined();
  });
});
