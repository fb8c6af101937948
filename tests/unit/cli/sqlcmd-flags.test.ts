import { UsageError } from '../../../src/core';
import { parseSqlcmdFlags } from '../../../src/cli/sqlcmd-flags';

describe('parseSqlcmdFlags (--sqlcmd of capture and sections record)', () => {
  it('reads name=value, the name with or without $( ), the value as written (= and spaces kept)', () => {
    expect(parseSqlcmdFlags(['EnvName=PROD', '$(ArchiveDb)=Sales Archive', 'Conn=a=b'], 'RECORD')).toEqual({ EnvName: 'PROD', ArchiveDb: 'Sales Archive', Conn: 'a=b' });
  });

  it.each([['EnvName'], ['=PROD'], ['Env Name=PROD']])('refuses %s with the command\'s code', (flag) => {
    expect(() => parseSqlcmdFlags([flag], 'CAPTURE')).toThrow(UsageError);
    expect(() => parseSqlcmdFlags([flag], 'CAPTURE')).toThrow(/is not name=value/);
  });
});
