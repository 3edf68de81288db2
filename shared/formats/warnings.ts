/**
 * Import warnings: things that were read but could not be carried over exactly. Repeated kinds
 * ("covered text differs from the slice") are counted and reported once with an example, so a
 * corpus with 10,000 quirks yields a readable preview instead of 10,000 lines. Content the
 * workbench has no place for is counted by its declared loss kind (`lost`, losses.ts) and
 * listed first, so a preview or a CLI run that shows only the first lines still shows them.
 */
import { IMPORT_LOSS_KINDS, importReason, lossLine, type CodecLosses, type ImportLossKind } from './losses';

export class WarningLog {
  private readonly messages: string[] = [];
  private readonly counted = new Map<string, { count: number; example: string }>();
  private readonly losses = new Map<ImportLossKind, { count: number; example: string }>();

  /** `losses`: the codec's declarations, which `lost` counts against. */
  constructor(
    private readonly declared?: CodecLosses,
    private readonly limit = 200,
  ) {}

  add(message: string): void {
    if (this.messages.length < this.limit) this.messages.push(message);
    else this.count('more warnings not listed', message);
  }

  /** Count a repeated kind of problem (`times` at once, `example` the first); reported as "<kind>: N times, e.g. <example>". */
  count(kind: string, example: string, times = 1): void {
    const entry = this.counted.get(kind);
    if (entry) entry.count += times;
    else this.counted.set(kind, { count: times, example });
  }

  /**
   * Count content of a declared import loss kind that was left out. A kind the codec did not
   * declare is a bug (docs/formats.md's loss table would be wrong), so it throws.
   */
  lost(kind: ImportLossKind, example: string): void {
    if (!this.declared?.import.some((d) => d.kind === kind))
      throw new Error(`import loss "${kind}" is not declared by ${this.declared ? this.declared.title : 'this reader'} (losses.ts)`);
    const entry = this.losses.get(kind);
    if (entry) entry.count++;
    else this.losses.set(kind, { count: 1, example });
  }

  list(): string[] {
    const losses = (this.declared?.import ?? []).flatMap((d) => {
      const c = this.losses.get(d.kind);
      return c ? [lossLine(IMPORT_LOSS_KINDS[d.kind], c.count, importReason(d), c.example)] : [];
    });
    const summary = [...this.counted].map(([kind, { count, example }]) =>
      count === 1 ? `${kind}: ${example}` : `${kind}: ${count} times, e.g. ${example}`,
    );
    return [...losses, ...this.messages, ...summary];
  }
}
