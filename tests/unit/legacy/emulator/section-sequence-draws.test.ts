import { LegacyError } from '../../../../src/core';
import { runSection } from './emulator-helpers';
import { parseScript } from '../../../../src/tsql';

// A promotion import reserves a block of ids (sp_sequence_get_range) in one section and draws the
// next id (NEXT VALUE FOR) in another. Run alone, the second section started the sequence at its
// CREATE's START WITH and recorded id 1000, where the procedure gives the id after the block.
const scripts = [
  parseScript(`CREATE SEQUENCE dbo.seq_PromoId AS int START WITH 1000 INCREMENT BY 1;
GO
CREATE TABLE dbo.Promotion (PromoId int NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL);
GO
`, { file: 'tables.sql' }),
  parseScript(`CREATE PROCEDURE dbo.usp_Import @n bigint AS
BEGIN
    DECLARE @first sql_variant;
    EXEC sys.sp_sequence_get_range @sequence_name = N'dbo.seq_PromoId', @range_size = @n, @range_first_value = @first OUTPUT;
    INSERT INTO dbo.Promotion (PromoId, Code) VALUES (NEXT VALUE FOR dbo.seq_PromoId, 'HOUSE');
END
GO
`, { file: 'p.sql' }),
];


const promotion = { name: 'dbo.Promotion', columns: [{ name: 'PromoId', type: 'int' }, { name: 'Code', type: 'text' }], rows: [] };

describe('a section drawing a sequence the procedure drew from before it', () => {
  it('is refused at its draw, naming the earlier one', async () => {
    const error = await runSection({ scripts, procedure: 'dbo.usp_Import', lines: [{ start: 5, end: 5 }], params: { '@n': '3' }, outputs: ['dbo.Promotion'], tables: [promotion] })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).message).toMatch(/a section drawing the sequence dbo\.seq_PromoId that the procedure draws before it \(p\.sql:4:5\)/);
    expect((error as LegacyError).location?.span?.start.line).toBe(5);
  });

  it('runs both draws in one section, the next id after the block', async () => {
    const r = await runSection({ scripts, procedure: 'dbo.usp_Import', lines: [{ start: 3, end: 5 }], params: { '@n': '3' }, outputs: ['dbo.Promotion'], tables: [promotion] });
    expect(r.outputs.get('dbo.Promotion')?.rows).toEqual([['1003', 'HOUSE']]);
  });
});
