import { draftOf, type HarnessTable } from './draft-harness';

// Probed with time-of-use tariffs: `GROUP BY … CASE WHEN DATEPART(hour, t) BETWEEN 17 AND 20 THEN
// 'PEAK' ELSE 'OFFPEAK' END` can only take the CASE's own literals, no two of which differ only
// in case or trailing blanks: each group has one spelling, and the draft's "grouped
// case-insensitively … check by hand" note was noise. Literals that do collide keep the note.
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const READS: HarnessTable = { name: 'dbo.MeterRead', columns: ['MeterId:int', 'ReadTime:timestamp', 'KWh:decimal(9,3)'] };
const BANDS: HarnessTable = { name: 'dbo.BandUse', columns: ['MeterId:int', 'Band:text', 'KWh:decimal(38,3)?'] };
const band = (peak: string, offPeak: string): string => `CASE WHEN DATEPART(hour, r.ReadTime) BETWEEN 17 AND 20 THEN '${peak}' ELSE '${offPeak}' END`;
const body = (peak: string, offPeak: string): string => `INSERT INTO dbo.BandUse (MeterId, Band, KWh)
SELECT r.MeterId, ${band(peak, offPeak)}, SUM(r.KWh) FROM dbo.MeterRead r GROUP BY r.MeterId, ${band(peak, offPeak)};`;

describe('a grouped CASE of string literals', () => {
  it('gets no spelling note when no two literals differ only in case or trailing blanks', () => {
    const draft = draftOf(proc(body('PEAK', 'OFFPEAK')), { inputs: [READS, BANDS], output: BANDS });
    expect(draft.refusals).toEqual([]);
    expect(draft.notes.filter((n) => /grouped case-insensitively/.test(n))).toEqual([]);
  });

  it.each([['Peak', 'PEAK'], ['PEAK', 'PEAK  ']])('keeps the note for %j and %j, one group of two spellings', (peak, offPeak) => {
    const draft = draftOf(proc(body(peak, offPeak)), { inputs: [READS, BANDS], output: BANDS });
    expect(draft.notes.filter((n) => /grouped case-insensitively/.test(n))).toHaveLength(1);
  });
});
