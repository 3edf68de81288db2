/**
 * An agreement report as one flat table (the CLI's CSV, docs/teams.md): one row per number, so a
 * methods section can quote any of them and a spreadsheet can filter by measure, label or pair.
 * Undefined coefficients keep their row, with an empty value and the reason.
 */
import { csvRecord } from '../formats/csvTable';
import type { AgreementReport } from './agreement';
import type { Alpha, F1, Kappa } from './coefficient';

export const REPORT_COLUMNS = [
  'measure',
  'label',
  'annotators',
  'articles',
  'value',
  'undefined_because',
  'observed',
  'expected',
  'items',
  'precision',
  'recall',
] as const;

export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], string | number>;

/** "" for the overall row of a labelled measure. */
const ALL = '';

function row(measure: string, label: string, annotators: readonly string[], articles: number, c: Alpha | Kappa | F1): ReportRow {
  const base = { measure, label, annotators: annotators.join('+'), articles, value: '', undefined_because: '', observed: '', expected: '', items: '', precision: '', recall: '' };
  if (c.value === null) return { ...base, undefined_because: c.reason };
  if ('observedDisagreement' in c) return { ...base, value: c.value, observed: c.observedDisagreement, expected: c.expectedDisagreement };
  if ('observedAgreement' in c) return { ...base, value: c.value, observed: c.observedAgreement, expected: c.expectedAgreement, items: c.items };
  return { ...base, value: c.value, precision: c.precision, recall: c.recall };
}

function labelled(measure: string, annotators: readonly string[], articles: number, set: { overall: Alpha | Kappa | F1; byLabel: Record<string, Alpha | Kappa | F1> }): ReportRow[] {
  return [row(measure, ALL, annotators, articles, set.overall), ...Object.entries(set.byLabel).map(([label, c]) => row(measure, label, annotators, articles, c))];
}

export function reportRows(report: AgreementReport): ReportRow[] {
  const all = report.annotators;
  const rows: ReportRow[] = [
    ...labelled('span_alpha_u', all, report.articles.codedByAll, report.spans.alphaU),
    ...labelled(`word_${report.spans.wordKappa.measure}_kappa`, all, report.articles.codedByAll, report.spans.wordKappa),
  ];
  for (const p of report.spans.pairs) {
    rows.push(
      ...labelled('span_exact_f1', p.annotators, p.articles, p.exactF1),
      ...labelled('span_overlap_f1', p.annotators, p.articles, p.overlapF1),
      ...labelled('span_alpha_u', p.annotators, p.articles, p.alphaU),
      ...labelled('word_cohen_kappa', p.annotators, p.articles, p.cohenKappa),
    );
  }
  rows.push(row('statement_alpha', ALL, all, report.articles.total, report.statements.alpha));
  for (const p of report.statements.pairs) rows.push(row('statement_f1', ALL, p.annotators, p.articles, p.f1));
  rows.push(row('actor_alpha', ALL, all, report.articles.total, report.actors.alpha));
  for (const p of report.actors.pairs) rows.push(row('actor_f1', ALL, p.annotators, p.articles, p.f1));
  return rows;
}

/** The table as CSV (RFC 4180, CRLF line ends as csvRecord writes them), header first. */
export function reportCsv(report: AgreementReport): string {
  return [csvRecord(REPORT_COLUMNS), ...reportRows(report).map((r) => csvRecord(REPORT_COLUMNS.map((c) => r[c])))].join('');
}
