import { assignFileStems, fileHref, fileNameKey, MAX_STEM_BYTES, safeFileStem } from '../../../src/core/file-names';

const HASH = '~[0-9a-f]{8}';

describe('safeFileStem', () => {
  it.each([
    ['a plain name stays as it is', 'dbo.usp_load', /^dbo\.usp_load$/],
    ['spaces, Unicode and brackets-free punctuation stay', 'sales.Größe der Bestellung (neu)', /^sales\.Größe der Bestellung \(neu\)$/],
    ['NUL', 'proc\u0000fwk.x', new RegExp(`^proc_fwk\\.x${HASH}$`)],
    ['newlines and tabs', 'dbo.a\nb\r\tc', new RegExp(`^dbo\\.a_b__c${HASH}$`)],
    ['path separators', 'dbo.a/b\\c', new RegExp(`^dbo\\.a_b_c${HASH}$`)],
    ["Windows' reserved punctuation", 'dbo.a<b>:"|?*', new RegExp(`^dbo\\.a_b______${HASH}$`)],
    ['a device name as first part', 'con.x', new RegExp(`^con_\\.x${HASH}$`)],
    ['a device name in any case, with an extension-like tail', 'LPT1.readme.txt', new RegExp(`^LPT1_\\.readme\\.txt${HASH}$`)],
    ['a device name with trailing spaces', 'Aux  .y', new RegExp(`^Aux  _\\.y${HASH}$`)],
    ['COM with a superscript digit', 'com¹', new RegExp(`^com¹_${HASH}$`)],
    ['a device name later in the name is harmless', 'dbo.con', /^dbo\.con$/],
    ['trailing dots and spaces', 'dbo.x. .', new RegExp(`^dbo\\.x___${HASH}$`)],
    ['a leading dot (hidden file)', '.x', new RegExp(`^_x${HASH}$`)],
    ['a lone surrogate', 'dbo.\ud800x', new RegExp(`^dbo\\._x${HASH}$`)],
    ['C1 controls and line separators', 'dbo.\u0085\u2028', new RegExp(`^dbo\\.__${HASH}$`)],
  ])('%s', (_case, name, expected) => {
    expect(safeFileStem(name)).toMatch(expected);
  });

  it.each([
    ['ASCII', 'dbo.' + 'x'.repeat(300)],
    ['2-byte UTF-8', 'dbo.' + 'é'.repeat(128)],
    ['4-byte UTF-8', 'dbo.' + '𝄞'.repeat(128)],
  ])('a long name (%s) is cut to MAX_STEM_BYTES at a character boundary and keeps a hash', (_case, name) => {
    const stem = safeFileStem(name);
    expect(Buffer.byteLength(stem, 'utf8')).toBeLessThanOrEqual(MAX_STEM_BYTES);
    expect(stem).toMatch(new RegExp(`^dbo\\.[x\u00e9\ud834\udd1e]+${HASH}$`, 'u'));
    expect(safeFileStem(`${name.slice(0, -1)}y`)).not.toBe(stem);
  });
});

describe('assignFileStems', () => {
  it.each([
    ['distinct names keep their stems', ['dbo.a', 'dbo.b'], ['dbo.a', 'dbo.b']],
    ['the same name twice (two definitions) gets ~2', ['dbo.a', 'dbo.a'], ['dbo.a', 'dbo.a~2']],
    ['three times', ['dbo.a', 'dbo.a', 'dbo.a'], ['dbo.a', 'dbo.a~2', 'dbo.a~3']],
    ['names equal but for case (case-insensitive file systems; ß folds to SS, conservatively)', ['dbo.Straße', 'dbo.STRASSE', 'dbo.straße'], ['dbo.Straße', 'dbo.STRASSE~2', 'dbo.straße~3']],
    ['NFC and NFD spellings (macOS)', ['dbo.\u00e9', 'dbo.e\u0301'], ['dbo.\u00e9', 'dbo.e\u0301~2']],
    ['a suffix that another name already has', ['dbo.a~2', 'dbo.a', 'dbo.a'], ['dbo.a~2', 'dbo.a', 'dbo.a~3']],
    ['index is the index report', ['index', 'INDEX'], ['index~2', 'INDEX~3']],
  ])('%s', (_case, names, expected) => {
    expect(assignFileStems(names)).toEqual(expected);
  });

  it('is deterministic and gives case-insensitively distinct stems', () => {
    const names = ['dbo.a/b', 'dbo.a_b', 'dbo.A_B', 'dbo.a\\b', 'con.x', 'CON.x', 'dbo.a/b'];
    const stems = assignFileStems(names);
    expect(assignFileStems(names)).toEqual(stems);
    expect(new Set(stems.map(fileNameKey)).size).toBe(names.length);
  });
});

describe('fileHref', () => {
  it.each([
    ['dbo.usp_load', '.md', 'dbo.usp_load.md'],
    ['dbo.Load Sales', '.md', 'dbo.Load%20Sales.md'],
    ['dbo.a#b?c%d', '.md', 'dbo.a%23b%3Fc%25d.md'],
    ['dbo.f(x)', '.md', 'dbo.f%28x%29.md'],
    ['dbo.Größe', '.md', 'dbo.Gr%C3%B6%C3%9Fe.md'],
  ])('%s%s -> %s', (stem, ext, href) => {
    expect(fileHref(stem, ext)).toBe(href);
  });
});
