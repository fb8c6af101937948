import type { Declare, VariableDeclaration } from '../../../src/tsql';
import { parseOne } from './helpers';

/** The data type of `DECLARE @v <type>`. */
function typeOf(type: string): VariableDeclaration['dataType'] {
  return ((parseOne(`DECLARE @v ${type}`) as Declare).declarations[0] as VariableDeclaration).dataType;
}

describe('data types', () => {
  it.each<[string, string[], string[]]>([
    ['int', ['int'], []],
    ['varchar(max)', ['varchar'], ['MAX']],
    ['decimal(18, 4)', ['decimal'], ['18', '4']],
    ['dbo.MyType', ['dbo', 'MyType'], []],
    ['double precision', ['double precision'], []],
    ['national char varying(10)', ['national char varying'], ['10']],
    ['xml(CONTENT dbo.Schema)', ['xml'], ['CONTENT dbo.Schema']],
    ['xml (dbo.Schema)', ['xml'], ['dbo.Schema']],
    ['vector(1536)', ['vector'], ['1536']],
  ])('%s', (type, name, args) => {
    const t = typeOf(type);
    expect(t.name.parts.map((p) => p.name)).toEqual(name);
    expect(t.args).toEqual(args);
  });
});
