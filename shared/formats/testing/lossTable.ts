/**
 * docs/formats.md's loss tables, rendered from the codecs' declarations (losses.ts);
 * losses.test.ts fails when the document's table differs. Print it with
 * `npx tsx shared/formats/testing/lossTable.ts`.
 */
import type { FormatCodec } from '../codec';
import { FORMAT_NAMES, type FormatName } from '../formatNames';
import { EXPORT_LOSS_KINDS, IMPORT_LOSS_KINDS, lostWith, type ExportLossKind, type ImportLossKind } from '../losses';

/** docs/formats.md's loss tables, rendered from the declarations. */
export function renderLossTables(codecs: Record<FormatName, FormatCodec>): string {
  const names = FORMAT_NAMES;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const header = (first: string) => [row([first, ...names.map((n) => `\`${n}\``)]), row(['---', ...names.map(() => '---')])];
  const exportCell = (kind: ExportLossKind, declared: FormatCodec['losses']['export']) => {
    const outer = lostWith(kind, declared);
    if (outer) return `**lost** with the ${EXPORT_LOSS_KINDS[outer].one}`;
    return declared.some((d) => d.kind === kind) ? '**lost**' : 'kept';
  };
  const exportRows = (Object.keys(EXPORT_LOSS_KINDS) as ExportLossKind[]).map((kind) =>
    row([EXPORT_LOSS_KINDS[kind].row, ...names.map((n) => exportCell(kind, codecs[n].losses.export))]),
  );
  const importRows = (Object.keys(IMPORT_LOSS_KINDS) as ImportLossKind[]).map((kind) =>
    row([IMPORT_LOSS_KINDS[kind].row, ...names.map((n) => (codecs[n].losses.import.some((d) => d.kind === kind) ? 'dropped' : ''))]),
  );
  return [...header('export: workbench content'), ...exportRows, '', ...header('import: content of the files'), ...importRows].join('\n');
}

// `npx tsx shared/formats/testing/lossTable.ts` prints the tables for docs/formats.md.
if (typeof process !== 'undefined' && process.argv[1]?.endsWith('lossTable.ts')) {
  void import('../registry').then(({ FORMAT_CODECS }) => console.log(renderLossTables(FORMAT_CODECS)));
}
