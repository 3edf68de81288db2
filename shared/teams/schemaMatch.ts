/**
 * Whether a package's label schema is the workspace's: the same label ids with the same names.
 * Colours, hotkeys and descriptions are how one person's screen shows a label, not what the
 * label means, so they may differ.
 */
import type { Label, LabelSchemaDef } from '../domain/model';

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

/**
 * The lead's answer for package labels that differ from the workspace's (collect, issue 11): each
 * package label id maps onto a workspace label id, or 'add' (take it into the schema). The same
 * choice the Import dialog offers for labels a file has and the schema lacks.
 */
export type LabelMapping = Readonly<Record<string, string>>;

export interface PackageLabelPlan {
  /** Package label id -> the workspace label id its spans get, for every package label that resolved. */
  target: ReadonlyMap<string, string>;
  /** Labels to add to the workspace's schema first. */
  added: Label[];
  /** Package labels that differ and have no usable answer in the mapping. */
  unmapped: Label[];
  /** Workspace labels no package label resolves to (the annotator coded without them). */
  workspaceOnly: Label[];
}

/** Package labels that are not in the workspace as they are (same id and name): the ones a mapping must answer. */
export function labelsToMap(workspace: LabelSchemaDef, pkg: LabelSchemaDef): Label[] {
  const here = new Map(workspace.labels.map((l) => [l.id, l.name]));
  return pkg.labels.filter((l) => here.get(l.id) !== l.name);
}

/**
 * Resolve every package label. 'add' reuses a workspace label of the same name (case-insensitive)
 * where one exists, so collecting again with the same answer adds nothing twice; otherwise the
 * package's label is added, keeping its id when the workspace has none such (`newId` makes one
 * from the name otherwise) and its hotkey when free.
 */
export function planPackageLabels(
  workspace: LabelSchemaDef,
  pkg: LabelSchemaDef,
  mapping: LabelMapping,
  newId: (name: string, taken: ReadonlySet<string>) => string,
): PackageLabelPlan {
  const target = new Map<string, string>();
  const added: Label[] = [];
  const unmapped: Label[] = [];
  const ids = new Set(workspace.labels.map((l) => l.id));
  const hotkeys = new Set(workspace.labels.flatMap((l) => (l.hotkey ? [l.hotkey] : [])));
  const byName = new Map(workspace.labels.map((l) => [l.name.toLowerCase(), l.id]));
  const differing = new Set(labelsToMap(workspace, pkg).map((l) => l.id));
  for (const l of pkg.labels) {
    if (!differing.has(l.id)) {
      target.set(l.id, l.id);
      continue;
    }
    const answer = mapping[l.id];
    if (answer === 'add') {
      const existing = byName.get(l.name.toLowerCase());
      if (existing) {
        target.set(l.id, existing);
        continue;
      }
      const id = ids.has(l.id) ? newId(l.name, ids) : l.id;
      const { hotkey, ...rest } = l;
      const label: Label = { ...rest, id, ...(hotkey && !hotkeys.has(hotkey) ? { hotkey } : {}) };
      ids.add(id);
      if (label.hotkey) hotkeys.add(label.hotkey);
      byName.set(l.name.toLowerCase(), id);
      added.push(label);
      target.set(l.id, id);
    } else if (answer && workspace.labels.some((w) => w.id === answer)) target.set(l.id, answer);
    else unmapped.push(l);
  }
  const used = new Set(target.values());
  return { target, added, unmapped, workspaceOnly: workspace.labels.filter((l) => !used.has(l.id)) };
}
