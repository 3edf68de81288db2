/**
 * Statements ("actor A takes polarity P on claim C, expressed by stance span S") are ternary;
 * doccano and Label Studio only have binary, labelled relations between spans. Both codecs use
 * the same encoding, so it is written once here:
 *
 *   without a stance span:  A --P--> C
 *   with a stance span:     A --P--> S --P--> C        (a path through the stance span)
 *
 * where P is the polarity name ("support", "oppose", "neutral"). Reading back, a polarity
 * relation whose source has no incoming polarity relation starts a statement; if its target has
 * outgoing polarity relations, that target is the stance and each outgoing relation names a claim.
 * Relation labels from other tools are mapped by `polarityOfLabel` ("supports", "attacks", …).
 */
import type { Polarity, Statement } from '../domain/model';
import type { ImportedStatement } from './codec';
import type { WarningLog } from './warnings';

const POLARITY_WORDS: Record<string, Polarity> = {};
for (const w of ['support', 'supports', 'supported', 'supporting', 'pro', 'for', 'agree', 'agrees', 'endorse', 'endorses', 'positive', '+'])
  POLARITY_WORDS[w] = 'support';
for (const w of ['oppose', 'opposes', 'opposed', 'opposing', 'against', 'con', 'contra', 'attack', 'attacks', 'disagree', 'disagrees', 'reject', 'rejects', 'negative', '-'])
  POLARITY_WORDS[w] = 'oppose';
for (const w of ['neutral', 'statement', 'says', 'said', 'claims', 'states', 'mentions', 'none', '0']) POLARITY_WORDS[w] = 'neutral';

/** The polarity a relation or attribute label denotes, if any (case-insensitive). */
export function polarityOfLabel(label: string): Polarity | undefined {
  return POLARITY_WORDS[label.trim().toLowerCase()];
}

export interface BinaryRelation {
  from: string;
  to: string;
  label: string;
}

/** Encode statements as polarity relations (deduplicated, in statement order). */
export function statementsToRelations(statements: readonly Statement[]): BinaryRelation[] {
  const out: BinaryRelation[] = [];
  // The relations from each span, compared field by field: a key string per relation (three ids
  // joined, then hashed) was most of this function's time in an export of 24,000 statements.
  const fromSpan = new Map<string, BinaryRelation[]>();
  const push = (from: string, to: string, label: string) => {
    let earlier = fromSpan.get(from);
    if (!earlier) fromSpan.set(from, (earlier = []));
    for (const r of earlier) if (r.to === to && r.label === label) return;
    const relation = { from, to, label };
    earlier.push(relation);
    out.push(relation);
  };
  for (const st of statements) {
    if (st.stanceSpanId) {
      push(st.actorSpanId, st.stanceSpanId, st.polarity);
      push(st.stanceSpanId, st.claimSpanId, st.polarity);
    } else {
      push(st.actorSpanId, st.claimSpanId, st.polarity);
    }
  }
  return out;
}

/**
 * Decode relations into statements. Relations whose label is not a polarity, or that are left
 * over (a third hop), are dropped with a warning. Span ids are not checked here: a statement
 * that refers to a span the article does not have is a bad record (badRecords.ts screenArticle).
 */
export function relationsToStatements(relations: readonly BinaryRelation[], warnings: WarningLog, where: string): ImportedStatement[] {
  const polar: (BinaryRelation & { polarity: Polarity })[] = [];
  for (const r of relations) {
    const polarity = polarityOfLabel(r.label);
    if (!polarity) {
      warnings.lost('otherRelations', `${where}: "${r.label}" ${r.from} → ${r.to}`);
      continue;
    }
    polar.push({ ...r, polarity });
  }
  const incoming = new Set(polar.map((r) => r.to));
  const outgoing = new Map<string, (typeof polar)[number][]>();
  for (const r of polar) {
    if (!outgoing.has(r.from)) outgoing.set(r.from, []);
    outgoing.get(r.from)!.push(r);
  }
  const used = new Set<(typeof polar)[number]>();
  const statements: ImportedStatement[] = [];
  for (const r of polar) {
    if (incoming.has(r.from)) continue; // a second hop; consumed below
    used.add(r);
    const next = outgoing.get(r.to);
    if (!next) {
      statements.push({ actorSpanId: r.from, claimSpanId: r.to, polarity: r.polarity });
      continue;
    }
    for (const s of next) {
      used.add(s);
      if (s.polarity !== r.polarity)
        warnings.count('statement paths with two polarities (the first was kept)', `${where}: ${r.from} → ${r.to} → ${s.to}`);
      statements.push({ actorSpanId: r.from, stanceSpanId: r.to, claimSpanId: s.to, polarity: r.polarity });
    }
  }
  for (const r of polar) {
    if (!used.has(r)) warnings.lost('otherRelations', `${where}: ${r.from} → ${r.to} (not part of a statement path)`);
  }
  return statements;
}
