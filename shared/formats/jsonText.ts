/**
 * JSON reading with locations a person can act on: a syntax error names the line and column
 * instead of a character position, and a "JSON lines" file is read as a sequence of JSON values,
 * one per line or pretty-printed over many lines (doccano's own example export is the latter).
 */
import { FormatError } from './codec';

/** 1-based line and column of a UTF-16 position in `text`. */
export function lineColumnAt(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

function syntaxProblem(e: unknown, text?: string): { message: string; position?: number } {
  const message = ((e as Error).message ?? String(e)).replace(/\s*\(line \d+ column \d+\)$/, '');
  const m = /position (\d+)/.exec(message);
  if (m) return { message, position: Number(m[1]) };
  if (text === undefined) return { message };
  // V8 omits the position for some errors: point at the end (truncated input) or the first token.
  if (/end of (JSON )?input/i.test(message)) return { message, position: text.length };
  const first = text.search(/\S/);
  return { message, position: first < 0 ? 0 : first };
}

/** Parse one JSON document; a syntax error becomes a FormatError at "line L, column C". */
export function parseJsonDocument(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const { message, position } = syntaxProblem(e, text);
    const where = position !== undefined ? lineColumnAt(text, position) : undefined;
    throw new FormatError(fileName, where ? `line ${where.line}, column ${where.column}` : undefined, `not valid JSON: ${message}`);
  }
}

export interface JsonValueAt {
  value: unknown;
  /** 1-based line where the value starts. */
  line: number;
}

/**
 * Split text into consecutive top-level JSON values (JSON lines, or concatenated pretty-printed
 * objects) and parse each. Blank lines are skipped. Errors name the line. When the first
 * non-blank line is a complete JSON value the file is read strictly line by line, so a broken
 * line is reported where it is instead of swallowing the lines after it.
 */
export function parseJsonSequence(text: string, fileName: string): JsonValueAt[] {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return [];
  let firstIsWhole = true;
  try {
    JSON.parse(lines[first]);
  } catch {
    firstIsWhole = false;
  }
  if (firstIsWhole) {
    const values: JsonValueAt[] = [];
    lines.forEach((l, i) => {
      if (l.trim() === '') return;
      try {
        values.push({ value: JSON.parse(l), line: i + 1 });
      } catch (e) {
        throw new FormatError(fileName, `line ${i + 1}`, `not valid JSON: ${syntaxProblem(e).message}`);
      }
    });
    return values;
  }
  return parseConcatenatedJson(text, fileName);
}

function parseConcatenatedJson(text: string, fileName: string): JsonValueAt[] {
  const values: JsonValueAt[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
      i++;
      continue;
    }
    const start = i;
    const startLine = line;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      // Find the matching close bracket, aware of strings and escapes.
      let depth = 0;
      let inString = false;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 10) line++;
        if (inString) {
          if (d === 92 /* \ */) i++;
          else if (d === 34) inString = false;
          continue;
        }
        if (d === 34) inString = true;
        else if (d === 123 || d === 91) depth++;
        else if (d === 125 || d === 93) {
          depth--;
          if (depth === 0) {
            i++;
            break;
          }
        }
      }
    } else {
      // A scalar value: up to the end of the line.
      while (i < n && text.charCodeAt(i) !== 10) i++;
    }
    const chunk = text.slice(start, i);
    try {
      values.push({ value: JSON.parse(chunk), line: startLine });
    } catch (e) {
      const { message, position } = syntaxProblem(e, chunk);
      const at = position !== undefined ? lineColumnAt(chunk, position) : { line: 1, column: 1 };
      const atLine = startLine + at.line - 1;
      throw new FormatError(fileName, `line ${atLine}`, `not valid JSON: ${message}`);
    }
  }
  return values;
}
