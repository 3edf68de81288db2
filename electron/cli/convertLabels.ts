/**
 * The label schema of a conversion: what `workbench import --add-unknown-labels` into a new
 * workspace would give, followed by `export`. The new workspace's default schema resolves a
 * label by id or name (case-insensitively, as planImport does); every other label is added.
 * Labels are met while the input streams, so each gets its id when first met
 * (slugifyLabelId, as the import's); the schema an export sees (order, colours) is always
 * planImport's own for the names met so far (planDigest), so the files that list labels
 * (brat's annotation.conf and visual.conf, written at the end) match the import's. Ids differ
 * from the import's only where two new names make the same slug and are met in other than
 * sorted order (the import numbers them in sorted order).
 */
import type { Label, LabelSchemaDef } from '../../shared/domain/model';
import { planDigest, slugifyLabelId } from '../service/importPlan';

export class ConvertLabels {
  private readonly byKey = new Map<string, string>();
  /** New label name (exactly as written) → id. */
  private readonly added = new Map<string, string>();
  private readonly taken: Set<string>;
  private current: LabelSchemaDef;

  constructor(private readonly base: LabelSchemaDef) {
    for (const l of base.labels) {
      this.byKey.set(l.id.toLowerCase(), l.id);
      this.byKey.set(l.name.toLowerCase(), l.id);
    }
    this.taken = new Set(base.labels.map((l) => l.id));
    this.current = base;
  }

  /** The schema with every label met so far. */
  get schema(): LabelSchemaDef {
    return this.current;
  }

  /** Add the unknown labels of the articles' spans, in sorted order as planImport adds them; true when any was new. */
  meet(articles: readonly { spans: readonly { label: string }[] }[]): boolean {
    // Most labels of a chunk were met before, and spans repeat the label before them: each new
    // one is looked up as idOf looks it up (remembered), and only unknown ones collected.
    const unknown = new Set<string>();
    let previous: string | undefined;
    for (const article of articles)
      for (const { label } of article.spans) {
        if (label === previous) continue;
        previous = label;
        if (this.known(label) === undefined) unknown.add(label);
      }
    if (!unknown.size) return false;
    const fresh = [...unknown].sort();
    for (const name of fresh) {
      const id = slugifyLabelId(name, this.taken);
      this.taken.add(id);
      this.added.set(name, id);
    }
    this.current = this.schemaOfAdded();
    return true;
  }

  /** Names resolved so far, exactly as written (asked once per span: lower-casing each was a string per span). */
  private readonly resolved = new Map<string, string>();

  /** The schema label id of a label name of the files (met before). */
  readonly idOf = (name: string): string => this.known(name) ?? name;

  /** The id of a name of the schema or met before; undefined for a name not met yet (no label until `meet` adds it, so not remembered). */
  private known(name: string): string | undefined {
    let id = this.resolved.get(name);
    if (id === undefined) {
      id = this.byKey.get(name.toLowerCase()) ?? this.added.get(name);
      if (id !== undefined) this.resolved.set(name, id);
    }
    return id;
  }

  /** The new labels as planImport would add them (sorted, coloured by its palette), with the ids given here. */
  private schemaOfAdded(): LabelSchemaDef {
    const names = [...this.added.keys()];
    const labelMapping = Object.fromEntries(names.map((n) => [n, 'add']));
    const plan = planDigest({ labels: new Set(names), entityLinks: new Set(), warnings: [] }, { labelMapping, files: [] }, this.base.labels);
    const planned: Label[] = plan.newLabels.map((l) => ({ ...l, id: this.added.get(l.name)! }));
    return { ...this.base, labels: [...this.base.labels, ...planned] };
  }
}
