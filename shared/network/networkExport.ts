/**
 * The network exports as files, shared by the Network view (download buttons) and the CLI
 * (`workbench export --format graphml …`): which network a name stands for, and the file
 * (name, MIME type, text) of each export kind. Pure: the caller saves the text.
 */
import { toEdgeListCsv, toGexf, toGraphML, toNodeListCsv, toStatementsCsv, type CsvOptions } from './graphExport';
import {
  actorConflictNetwork,
  actorCongruenceNetwork,
  conceptConflictNetwork,
  conceptCongruenceNetwork,
  twoModeNetwork,
  type Network,
  type NetworkKind,
} from './networks';
import type { AnalysisRow } from './statementsTable';

/** The network of `rows` of one kind (two-mode per polarity, projections with neutral agreeing, as in DNA). */
export function buildNetwork(rows: readonly AnalysisRow[], kind: NetworkKind): Network {
  switch (kind) {
    case 'two-mode':
      return twoModeNetwork(rows);
    case 'actor-congruence':
      return actorCongruenceNetwork(rows);
    case 'actor-conflict':
      return actorConflictNetwork(rows);
    case 'concept-congruence':
      return conceptCongruenceNetwork(rows);
    case 'concept-conflict':
      return conceptConflictNetwork(rows);
  }
}

/** Export kinds; all but statements-csv write a network. */
export const NETWORK_EXPORT_KINDS = ['graphml', 'gexf', 'edges-csv', 'nodes-csv', 'statements-csv'] as const;
export type NetworkExportKind = (typeof NETWORK_EXPORT_KINDS)[number];

export const isNetworkExportKind = (name: string): name is NetworkExportKind => (NETWORK_EXPORT_KINDS as readonly string[]).includes(name);

export interface NetworkExportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

export interface NetworkExportOptions extends CsvOptions {
  /** Article texts by id, for the statements CSV's code-point offsets (see toStatementsCsv). */
  articleTexts?: ReadonlyMap<string, string>;
}

/** The file of one export: the whole network given (not only what is drawn), or the statements of `rows`. */
export function networkExportFile(
  kind: NetworkExportKind,
  network: Network,
  rows: readonly AnalysisRow[],
  options: NetworkExportOptions = {},
): NetworkExportFile {
  const base = `network-${network.kind}`;
  const csv = { ...(options.bom ? { bom: true } : {}), ...(options.guardFormulas ? { guardFormulas: true } : {}) };
  switch (kind) {
    case 'graphml':
      return { fileName: `${base}.graphml`, mimeType: 'application/graphml+xml', content: toGraphML(network) };
    case 'gexf':
      return { fileName: `${base}.gexf`, mimeType: 'application/gexf+xml', content: toGexf(network, { description: 'Annotation Workbench' }) };
    case 'edges-csv':
      return { fileName: `${base}-edges.csv`, mimeType: 'text/csv', content: toEdgeListCsv(network, csv) };
    case 'nodes-csv':
      return { fileName: `${base}-nodes.csv`, mimeType: 'text/csv', content: toNodeListCsv(network, csv) };
    case 'statements-csv':
      return {
        fileName: 'statements.csv',
        mimeType: 'text/csv',
        content: toStatementsCsv(rows, { ...csv, ...(options.articleTexts ? { articleTexts: options.articleTexts } : {}) }),
      };
  }
}
