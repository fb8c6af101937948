import { MigrateError } from '../../../src/core';
import { describeFailure, forEachObject, outcomeLine } from '../../../src/cli/object-failure';

describe('a run over many objects', () => {
  let stderr: string[];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    stderr = [];
    spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => spy.mockRestore());

  it('goes on after a failure, names it, and passes over what has nothing to do', async () => {
    const seen: string[] = [];
    const told: string[] = [];
    const outcome = await forEachObject(['a', 'skip', 'bad', 'c'], {
      name: (x) => `dbo.${x}`,
      passOver: (err) => err instanceof Error && err.message === 'ignored',
      onFailure: (x, err) => told.push(`${x}:${(err as Error).message}`),
    }, async (x) => {
      seen.push(x);
      if (x === 'skip') throw new Error('ignored');
      if (x === 'bad') throw new Error('boom');
    });
    expect(seen).toEqual(['a', 'skip', 'bad', 'c']);
    expect(outcome).toEqual({ done: 2, failed: ['dbo.bad'] });
    expect(told).toEqual(['bad:boom']);
    expect(stderr).toEqual(['migrate: dbo.bad: internal error: boom (please report it)\n']);
    expect(outcomeLine('proposed', 'procedure', outcome)).toBe('proposed 2 of 3 procedures; failed: dbo.bad');
  });

  it('counts in the singular and plural', () => {
    expect(outcomeLine('scaffolded', 'section', { done: 1, failed: [] })).toBe('scaffolded 1 section');
    expect(outcomeLine('scaffolded', 'section', { done: 0, failed: [] })).toBe('scaffolded 0 sections');
    expect(outcomeLine('ran', 'procedure', { done: 3, failed: [] })).toBe('ran 3 procedures');
  });

  it('describes a located error, a file-system error and a bug differently', () => {
    const located = new MigrateError('X_CODE', 'bad thing', { location: { file: 'p.sql', span: { start: { offset: 20, line: 3, column: 7 }, end: { offset: 21, line: 3, column: 8 } } } });
    expect(describeFailure(located)).toContain('p.sql:3:7');
    const fsError = Object.assign(new Error("ENOTDIR: not a directory, open 'x/y'"), { syscall: 'open', code: 'ENOTDIR' });
    expect(describeFailure(fsError)).toBe("ENOTDIR: not a directory, open 'x/y'; check that path");
    expect(describeFailure(new TypeError('x is undefined'))).toBe('internal error: x is undefined (please report it)');
  });
});
