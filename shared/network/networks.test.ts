import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Polarity } from '../domain/model';
import {
  actorConflictNetwork,
  actorCongruenceNetwork,
  conceptCongruenceNetwork,
  edgeList,
  explainActorPair,
  projectNetwork,
  twoModeNetwork,
  withMinWeight,
  type Network,
} from './networks';
import { buildAnalysisRows } from './statementsTable';
import { row, WORKED_EXAMPLE_ENTITIES, workedExampleStatements } from './testRows';

/*
 * The hand-worked example (also in docs/networks.md). Three actors, two concepts, nine statements:
 *
 *   Alice Ames   supports Tax cut (twice)        Bob Brandt  supports Tax cut
 *   Alice Ames   opposes  Wind power             Bob Brandt  supports Wind power
 *   Carol Chen   opposes  Tax cut                Bob Brandt  neutral on Wind power
 *   Carol Chen   opposes  Wind power
 *   Carol Chen   neutral on Wind power
 *
 * Node ids follow label order: a1 Alice, a2 Bob, a3 Carol; c1 Tax cut, c2 Wind power.
 *
 * Two-mode, one edge per (actor, concept, polarity), weight = statements:
 *   a1-c1 support 2, a1-c2 oppose 1, a2-c1 support 1, a2-c2 support 1, a2-c2 neutral 1,
 *   a3-c1 oppose 1, a3-c2 oppose 1, a3-c2 neutral 1                          (8 edges)
 *
 * Polarities per actor and concept:     Tax cut   Wind power
 *                              Alice      {+}        {-}
 *                              Bob        {+}        {+, 0}
 *                              Carol      {-}        {-, 0}
 *
 * Congruence = shared (concept, polarity) pairs:
 *   Alice-Bob:   Tax cut + shared                      -> 1
 *   Alice-Carol: Wind power - shared                   -> 1
 *   Bob-Carol:   Wind power 0 shared                   -> 1  (0 without neutral agreement)
 * Conflict = (support, oppose) pairs over concepts:
 *   Alice-Bob:   Wind power (Alice -, Bob +)           -> 1
 *   Alice-Carol: Tax cut (Alice +, Carol -)            -> 1
 *   Bob-Carol:   Tax cut (+/-) and Wind power (+/-)    -> 2
 */
const entities = WORKED_EXAMPLE_ENTITIES;
const statements = workedExampleStatements();
const rows = buildAnalysisRows(statements, entities);

/** Edges as "source-target polarity weight" strings, in network order. */
const edgeStrings = (n: Network) => edgeList(n).map((e) => `${e.source}-${e.target} ${e.polarity} ${e.weight}`);

describe('the two-mode network (hand-worked example)', () => {
  const net = twoModeNetwork(rows);

  it('has the actors then the concepts as nodes, sorted by label, with their statement counts', () => {
    expect(net.nodes.map((n) => [n.id, n.label, n.type, n.statements])).toEqual([
      ['a1', 'Alice Ames', 'actor', 3],
      ['a2', 'Bob Brandt', 'actor', 3],
      ['a3', 'Carol Chen', 'actor', 3],
      ['c1', 'Tax cut', 'concept', 4],
      ['c2', 'Wind power', 'concept', 5],
    ]);
    expect(net.nodes[0]).toMatchObject({ entityId: 'alice', actorType: 'person', colour: '#2563eb' });
  });

  it('has one edge per actor, concept and polarity, weighted by statements and coloured by polarity', () => {
    expect(edgeStrings(net)).toEqual([
      'a1-c1 support 2',
      'a1-c2 oppose 1',
      'a2-c1 support 1',
      'a2-c2 support 1',
      'a2-c2 neutral 1',
      'a3-c1 oppose 1',
      'a3-c2 oppose 1',
      'a3-c2 neutral 1',
    ]);
    expect(new Set(edgeList(net).map((e) => `${e.polarity} ${e.colour}`))).toEqual(
      new Set(['support #16a34a', 'oppose #dc2626', 'neutral #9ca3af']),
    );
    expect(net.edges.counts).toBeUndefined();
  });

  it('in the combined mode has one edge per actor and concept with the counts per polarity', () => {
    const mixed = buildAnalysisRows([...statements, row('alice', 'support', 'wind')], entities);
    const combined = twoModeNetwork(mixed, { edges: 'combined' });
    expect(edgeStrings(combined)).toEqual([
      'a1-c1 support 2',
      'a1-c2 mixed 2', // Alice now both supports and opposes Wind power
      'a2-c1 support 1',
      'a2-c2 support 2', // support + neutral: support
      'a3-c1 oppose 1',
      'a3-c2 oppose 2',
    ]);
    expect(edgeList(combined)[1]).toMatchObject({ colour: '#9333ea', counts: { support: 1, oppose: 1, neutral: 0 } });
  });
});

describe('actor projections (hand-worked example)', () => {
  it('congruence counts shared concept-polarity pairs', () => {
    const net = actorCongruenceNetwork(rows);
    expect(net.kind).toBe('actor-congruence');
    expect(net.nodes.map((n) => n.id)).toEqual(['a1', 'a2', 'a3']);
    expect(edgeStrings(net)).toEqual(['a1-a2 congruence 1', 'a1-a3 congruence 1', 'a2-a3 congruence 1']);
  });

  it('congruence without neutral agreement drops the pair that only shares a neutral stance', () => {
    expect(edgeStrings(actorCongruenceNetwork(rows, { neutralAgrees: false }))).toEqual(['a1-a2 congruence 1', 'a1-a3 congruence 1']);
  });

  it('conflict counts support/oppose pairs over concepts', () => {
    expect(edgeStrings(actorConflictNetwork(rows))).toEqual(['a1-a2 conflict 1', 'a1-a3 conflict 1', 'a2-a3 conflict 2']);
  });

  it('explains a pair with the concepts behind its weights', () => {
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((id) => `actor:${id}`);
    const bc = explainActorPair(rows, bob, carol);
    expect(bc.agreements.map((a) => [a.concept.label, a.polarity])).toEqual([['Wind power', 'neutral']]);
    expect(bc.conflicts.map((c) => [c.concept.label, c.a, c.b])).toEqual([
      ['Tax cut', 'support', 'oppose'],
      ['Wind power', 'support', 'oppose'],
    ]);
    expect(explainActorPair(rows, alice, bob).conflicts.map((c) => [c.concept.label, c.a, c.b])).toEqual([['Wind power', 'oppose', 'support']]);
    expect(explainActorPair(rows, bob, carol, { neutralAgrees: false }).agreements).toEqual([]);
  });
});

describe('projection details', () => {
  it('counts an actor once per concept and polarity, however many statements it made', () => {
    const r = buildAnalysisRows([row('alice', 'support', 'tax'), row('alice', 'support', 'tax'), row('bob', 'support', 'tax')], entities);
    expect(edgeStrings(actorCongruenceNetwork(r))).toEqual(['a1-a2 congruence 1']);
  });

  it('an actor taking both sides agrees and disagrees with each side, but never conflicts with itself', () => {
    // Alice {+,-} on Tax cut, Bob {+,-} on Tax cut: shared + and shared - (2), and (+,-), (-,+) (2).
    const r = buildAnalysisRows(
      [row('alice', 'support', 'tax'), row('alice', 'oppose', 'tax'), row('bob', 'support', 'tax'), row('bob', 'oppose', 'tax')],
      entities,
    );
    expect(edgeStrings(actorCongruenceNetwork(r))).toEqual(['a1-a2 congruence 2']);
    expect(edgeStrings(actorConflictNetwork(r))).toEqual(['a1-a2 conflict 2']);
    expect(edgeStrings(actorConflictNetwork(buildAnalysisRows([row('alice', 'support', 'tax'), row('alice', 'oppose', 'tax')], entities)))).toEqual([]);
  });

  it('lists every actor, isolates included, and neutral conflicts with nothing', () => {
    const r = buildAnalysisRows([row('alice', 'neutral', 'tax'), row('bob', 'support', 'tax'), row('carol', 'oppose', 'wind')], entities);
    const net = actorConflictNetwork(r);
    expect(net.nodes.map((n) => n.label)).toEqual(['Alice Ames', 'Bob Brandt', 'Carol Chen']);
    expect(net.edges.length).toBe(0);
  });

  it('concept congruence links concepts the same actor takes the same side on', () => {
    // Alice + Tax cut, - Wind power; Bob + both (and 0 Wind power); Carol - both (and 0 Wind power).
    // Tax cut-Wind power: Bob ++ and Carol -- agree -> 2.
    expect(edgeStrings(conceptCongruenceNetwork(rows))).toEqual(['c1-c2 congruence 2']);
  });

  it('withMinWeight drops light edges and keeps all nodes', () => {
    const heavy = withMinWeight(actorConflictNetwork(rows), 2);
    expect(edgeStrings(heavy)).toEqual(['a2-a3 conflict 2']);
    expect(heavy.nodes).toHaveLength(3);
  });
});

/** The definitions, computed the slow way: every pair of actors, every concept. */
function bruteForce(statementRows: ReturnType<typeof buildAnalysisRows>, relation: 'congruence' | 'conflict', neutralAgrees = true) {
  const stances = new Map<string, Map<string, Set<Polarity>>>();
  for (const r of statementRows) {
    const byConcept = stances.get(r.actor.label) ?? new Map<string, Set<Polarity>>();
    stances.set(r.actor.label, byConcept);
    const set = byConcept.get(r.concept.key) ?? new Set<Polarity>();
    byConcept.set(r.concept.key, set);
    set.add(r.polarity);
  }
  const actors = [...stances.keys()];
  const out: string[] = [];
  for (const a of actors)
    for (const b of actors) {
      if (a >= b) continue;
      let w = 0;
      for (const [concept, pa] of stances.get(a)!) {
        const pb = stances.get(b)!.get(concept);
        if (!pb) continue;
        if (relation === 'congruence') {
          for (const p of pa) if (pb.has(p) && (neutralAgrees || p !== 'neutral')) w++;
        } else {
          if (pa.has('support') && pb.has('oppose')) w++;
          if (pa.has('oppose') && pb.has('support')) w++;
        }
      }
      if (w > 0) out.push(`${a}|${b}|${w}`);
    }
  return out.sort();
}

describe('projections agree with the definitions computed pair by pair', () => {
  const polarity = fc.constantFrom<Polarity>('support', 'oppose', 'neutral');
  const statement = fc.record({ actor: fc.integer({ min: 0, max: 7 }), concept: fc.integer({ min: 0, max: 4 }), polarity });

  it.each([
    ['dense', undefined],
    ['sparse', 0],
  ])('(%s accumulators)', (_name, denseLimit) => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 40 }), fc.boolean(), (list, neutralAgrees) => {
        const r = buildAnalysisRows(
          list.map((s) => row({ text: `actor ${s.actor}` }, s.polarity, { text: `concept ${s.concept}` })),
          [],
        );
        for (const relation of ['congruence', 'conflict'] as const) {
          const net = projectNetwork(r, { mode: 'actor', relation, neutralAgrees, denseLimit });
          const got = edgeList(net)
            .map((e) => {
              const [s, t] = [net.nodes.find((n) => n.id === e.source)!.label, net.nodes.find((n) => n.id === e.target)!.label].sort();
              return `${s}|${t}|${e.weight}`;
            })
            .sort();
          expect(got).toEqual(bruteForce(r, relation, neutralAgrees));
        }
        const dense = twoModeNetwork(r);
        const sparse = twoModeNetwork(r, { denseLimit: 0 });
        expect(edgeList(sparse)).toEqual(edgeList(dense));
        expect(edgeList(dense).reduce((sum, e) => sum + e.weight, 0)).toBe(r.length);
      }),
      { numRuns: 150 },
    );
  });
});
