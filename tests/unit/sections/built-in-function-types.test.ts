import { declaredExpressionType, shownSqlType as shown } from '../../support/declared-expression-type';

// Built-in functions whose result type SQL Server documents: a recorded Then column of
// ISNUMERIC([Guest Ref]) is an int, not `text?` (built-in-function-types.ts).
const DECLARED: Record<string, string> = {
  'guest ref': 'varchar(20)', notes: 'nvarchar(max)', nights: 'smallint', folio: 'bigint',
  rate: 'money', amount: 'decimal(12,3)', factor: 'float', ratio: 'real', code: 'nchar(4)',
};

const typeOf = (text: string): ReturnType<typeof declaredExpressionType> => declaredExpressionType(text, DECLARED);

describe('types of built-in functions', () => {
  it.each([
    ['ISNUMERIC([Guest Ref])', 'int'],
    ['IsDate(Code)', 'int'],
    ['UNICODE(Code)', 'int'],
    ['ASCII([Guest Ref])', 'int'],
    ['CHECKSUM([Guest Ref], Nights)', 'int'],
    ['ISNUMERIC(Mystery)', 'int'],
  ])('the test functions: %s is %s', (text, expected) => expect(shown(typeOf(text))).toBe(expected));

  it.each([
    ['LEN([Guest Ref])', 'int'],
    ['LEN(Notes)', 'bigint'],
    ["LEN(N'Suite')", 'int'],
    ['DATALENGTH(Notes)', 'bigint'],
    ['DATALENGTH(Code)', 'int'],
    ["CHARINDEX('-', [Guest Ref])", 'int'],
    ["CHARINDEX(N'VIP', Notes, 1)", 'bigint'],
    ['LEN(Mystery)', undefined],
  ])('lengths and positions: %s is %s', (text, expected) => expect(shown(typeOf(text))).toBe(expected));

  it.each([
    ['CEILING(Nights)', 'int'],
    ['FLOOR(Folio)', 'bigint'],
    ['FLOOR(Amount)', 'decimal(12,0)'],
    ['CEILING(Ratio)', 'float'],
    ['SIGN(Rate)', 'money'],
    ['ABS(Nights)', 'int'],
    ['ABS(Amount)', undefined],
    ['SIGN(Amount)', undefined],
  ])('the rounding and sign functions: %s is %s', (text, expected) => expect(shown(typeOf(text))).toBe(expected));

  it.each([
    ['SQUARE(Nights)', 'float'],
    ['SQRT(Rate)', 'float'],
    ['LOG(Factor)', 'float'],
    ['LOG(Amount, 10)', 'float'],
    ['EXP(Ratio)', 'float'],
  ])('the float functions: %s is %s', (text, expected) => expect(shown(typeOf(text))).toBe(expected));

  it('types NEWID() as a uniqueidentifier', () => expect(shown(typeOf('NEWID()'))).toBe('uniqueidentifier'));

  it.each([
    ['DATEDIFF(day, Arrival, Departure)', 'int'],
    ['DATEDIFF_BIG(second, Arrival, Departure)', 'bigint'],
    ['EOMONTH(Arrival)', 'date'],
    ['MONTH(Arrival)', 'int'],
  ])('the date functions: %s is %s', (text, expected) => expect(shown(typeOf(text))).toBe(expected));
});
