/**
 * RFC 4180 tables: writing (CRLF records, fields quoted when they hold a comma, quote, CR or LF,
 * quotes doubled) and reading with the line number of every record, so errors point at the
 * line a spreadsheet user sees. Quoted fields keep their line breaks exactly (CRLF stays CRLF).
 * Reading also accepts LF records and a ";" or TAB delimiter when the header has no comma.
 */
import { FormatError } from './codec';

export function csvField(value: string | number | undefined | null): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRecord(values: readonly (string | number | undefined | null)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

function detectDelimiter(text: string): string {
  const nl = text.search(/[\r\n]/);
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}

/** Parse CSV text into records. Blank lines are skipped. */
export function parseCsv(text: string, fileName: string): CsvRecord[] {
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const recordLine = line;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let cell = '';
      if (text[i] === '"') {
        const fieldLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new FormatError(fileName, `line ${fieldLine}`, 'a quoted field is never closed (missing ")');
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n')
          throw new FormatError(fileName, `line ${line}`, `unexpected "${text[i]}" after a closing quote (quotes inside a field must be doubled)`);
      } else {
        while (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') cell += text[i++];
      }
      cells.push(cell);
      if (i >= n) endOfRecord = true;
      else if (text[i] === delimiter) i++;
      else {
        if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
        else i++;
        line++;
        endOfRecord = true;
      }
    }
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
  }
  return records;
}
