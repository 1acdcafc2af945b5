/** Fixtures shared by the syntax-layer tests (no I/O). */

/** A fixed-width ISA (106 characters) with the given separators. */
export function isa(el = '*', rep = '^', comp = ':', term = '~', control = '000000905'): string {
  const f = [
    '00',
    '          ',
    '00',
    '          ',
    'ZZ',
    'SUBMITTERID    ',
    'ZZ',
    'RECEIVERID     ',
    '260101',
    '1253',
    rep,
    '00501',
    control,
    '0',
    'T',
    comp,
  ];
  return `ISA${el}${f.join(el)}${term}`;
}
