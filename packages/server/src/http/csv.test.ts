/** SECURITY.md A6: every cell a spreadsheet would run as a formula gets a leading quote; quoting follows RFC 4180. */
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV export cells', () => {
  it.each(['=', '+', '-', '@', '\t', '\r', '\0'])(
    'a cell starting with %j is neutralised with a leading quote',
    (start) => {
      const cell = csvCell(`${start}HYPERLINK("http://x")`);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted.startsWith(`'${start}`)).toBe(true);
    },
  );

  it('leaves ordinary text, numbers, empty and null cells as they are', () => {
    expect([csvCell('Delgado'), csvCell(42), csvCell(''), csvCell(null), csvCell(undefined), csvCell('a=b')]).toEqual([
      'Delgado',
      '42',
      '',
      '',
      '',
      'a=b',
    ]);
  });

  it('quotes fields holding a comma, quote, CR or LF and doubles inner quotes (RFC 4180)', () => {
    expect(csvCell('Smith, John')).toBe('"Smith, John"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1, "x"')).toBe(`"'=1+1, ""x"""`);
    expect(csvCell({ changes: { phone: { from: '1', to: '2' } } })).toBe(
      '"{""changes"":{""phone"":{""from"":""1"",""to"":""2""}}}"',
    );
  });

  it('ends every record with CRLF, header first', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, '-2'],
          ['x,y', null],
        ],
      ),
    ).toBe('a,b\r\n1,\'-2\r\n"x,y",\r\n');
  });
});
