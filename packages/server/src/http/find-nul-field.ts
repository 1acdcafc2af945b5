/** The first field (dotted path) whose text holds a NUL byte, which PostgreSQL text cannot store. */
export function findNulField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : null;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findNulField(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}
