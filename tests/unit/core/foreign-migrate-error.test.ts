import { isMigrateError, MigrateError } from '../../../src/core';

// A workspace made with `migrate init --library <repo>/src` loads the library's TypeScript
// sources for its transforms: a transform's `notImplemented()` throws that copy's EngineError,
// which the CLI must still print as a located message, not as an internal error.
describe('isMigrateError', () => {
  it('recognises a MigrateError of a second copy of the library', () => {
    let Foreign: typeof MigrateError | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Foreign = (require('../../../src/core/errors') as { EngineError: typeof MigrateError }).EngineError;
    });
    const err = new (Foreign as typeof MigrateError)('ENGINE_NOT_IMPLEMENTED', 'not implemented: dbo.p/01-x', { hint: 'implement the transform' });
    expect(err instanceof MigrateError).toBe(false);
    expect(isMigrateError(err)).toBe(true);
    expect(err.format()).toBe('not implemented: dbo.p/01-x\nhint: implement the transform');
  });

  it('does not take another error with a format method for one', () => {
    const other = Object.assign(new Error('boom'), { format: () => 'boom' });
    expect(isMigrateError(other)).toBe(false);
    expect(isMigrateError(new MigrateError('X', 'located'))).toBe(true);
  });
});
