/**
 * Whether a package's label schema is the workspace's: the same label ids with the same names.
 * Colours, hotkeys and descriptions are how one person's screen shows a label, not what the
 * label means, so they may differ.
 */
import type { LabelSchemaDef } from '../domain/model';

/** Each difference as a phrase naming the label, empty when the schemas match. */
export function labelDifferences(workspace: LabelSchemaDef, pkg: LabelSchemaDef): string[] {
  const here = new Map(workspace.labels.map((l) => [l.id, l]));
  const there = new Map(pkg.labels.map((l) => [l.id, l]));
  const out: string[] = [];
  for (const l of pkg.labels) {
    const mine = here.get(l.id);
    if (!mine) out.push(`"${l.id}" (${l.name}) only in the package`);
    else if (mine.name !== l.name) out.push(`"${l.id}" is named "${l.name}" in the package and "${mine.name}" in the workspace`);
  }
  for (const l of workspace.labels) if (!there.has(l.id)) out.push(`"${l.id}" (${l.name}) only in the workspace`);
  return out;
}
