/**
 * Import warnings: things that were read but could not be carried over exactly. Repeated kinds
 * ("covered text differs from the slice") are counted and reported once with an example, so a
 * corpus with 10,000 quirks yields a readable preview instead of 10,000 lines.
 */
export class WarningLog {
  private readonly messages: string[] = [];
  private readonly counted = new Map<string, { count: number; example: string }>();

  constructor(private readonly limit = 200) {}

  add(message: string): void {
    if (this.messages.length < this.limit) this.messages.push(message);
    else this.count('more warnings not listed', message);
  }

  /** Count a repeated kind of problem; reported as "<kind>: N times, e.g. <example>". */
  count(kind: string, example: string): void {
    const entry = this.counted.get(kind);
    if (entry) entry.count++;
    else this.counted.set(kind, { count: 1, example });
  }

  list(): string[] {
    const summary = [...this.counted].map(([kind, { count, example }]) =>
      count === 1 ? `${kind}: ${example}` : `${kind}: ${count} times, e.g. ${example}`,
    );
    return [...this.messages, ...summary];
  }
}
