/**
 * Chart data: how many statements of each polarity each actor made, and each concept received.
 * Counts are statements (not distinct articles), after the same filters as the networks.
 */
import type { Polarity } from '../domain/model';
import { compareRefs } from './networks';
import type { AnalysisRow, NodeRef } from './statementsTable';

export interface StanceDistribution extends Record<Polarity, number> {
  key: string;
  label: string;
  entityId?: string;
  total: number;
}

function distribution(rows: readonly AnalysisRow[], pick: (r: AnalysisRow) => NodeRef): StanceDistribution[] {
  const byKey = new Map<string, StanceDistribution>();
  for (const r of rows) {
    const ref = pick(r);
    let d = byKey.get(ref.key);
    if (!d) {
      d = { key: ref.key, label: ref.label, support: 0, oppose: 0, neutral: 0, total: 0 };
      if (ref.entityId) d.entityId = ref.entityId;
      byKey.set(ref.key, d);
    }
    d[r.polarity]++;
    d.total++;
  }
  // Most statements first; ties in the same order as network nodes (by label).
  return [...byKey.values()].sort((a, b) => b.total - a.total || compareRefs(a, b));
}

/** Statements per polarity for each actor, most active first. */
export const stanceByActor = (rows: readonly AnalysisRow[]) => distribution(rows, (r) => r.actor);

/** Statements per polarity for each concept, most discussed first. */
export const stanceByConcept = (rows: readonly AnalysisRow[]) => distribution(rows, (r) => r.concept);
