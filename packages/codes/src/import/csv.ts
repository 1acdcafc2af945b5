/**
 * Splits one CSV line (RFC 4180 quoting; no embedded newlines, which none of the CMS/NUCC/X12 lists
 * use). Returns undefined when a quoted field is not closed, so the caller can report the line.
 */
export function splitCsvLine(line: string, delimiter = ','): string[] | undefined {
  if (line.indexOf('"') < 0) return line.split(delimiter);
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  while (i <= n) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return undefined;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i < n && line[i] !== delimiter) return undefined;
      i++;
    } else {
      let end = line.indexOf(delimiter, i);
      if (end < 0) end = n;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

/** Maps header names (case-insensitive, trimmed) to column indexes. */
export function headerIndex(header: string[]): Map<string, number> {
  const m = new Map<string, number>();
  header.forEach((h, i) => {
    m.set(
      h
        .trim()
        .toUpperCase()
        .replace(/^\uFEFF/, ''),
      i,
    );
  });
  return m;
}
