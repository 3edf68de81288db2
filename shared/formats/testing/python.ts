/** Python's str.strip() and str.split() with no argument, for the ports of Python readers. */

/** The characters Python's str.isspace() accepts. */
export const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_RUN = new RegExp(`[${PY_SPACE}]+`);
const PY_ENDS = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

export const pyStrip = (s: string) => s.replace(PY_ENDS, '');
export const pySplit = (s: string): string[] => {
  const t = pyStrip(s);
  return t ? t.split(PY_RUN) : [];
};
