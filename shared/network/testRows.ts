/**
 * Test support: statement rows and entities written tersely, so a test reads as the coding
 * it describes ("Alice supports Tax cut"). Used by the tests of this folder only.
 */
import type { StatementRow } from './statementRow';
import type { ArticleStatus, Entity, Polarity } from '../domain/model';

export const actorEntity = (id: string, name: string, aliases: string[] = []): Entity => ({
  id,
  kind: 'actor',
  name,
  actorType: 'person',
  aliases,
  attributes: {},
});

export const conceptEntity = (id: string, name: string, aliases: string[] = []): Entity => ({
  id,
  kind: 'concept',
  name,
  aliases,
  attributes: {},
});

let counter = 0;

/** A statement row: `actor` and `concept` are entity ids, or `{ text }` for an unlinked mention. */
export function row(
  actor: string | { text: string },
  polarity: Polarity,
  concept: string | { text: string },
  extra: Partial<StatementRow> & { status?: ArticleStatus } = {},
): StatementRow {
  counter++;
  const { status, ...rest } = extra;
  return {
    articleId: 'art1',
    articleTitle: 'Article one',
    articleStatus: status ?? 'done',
    statementId: `st${counter}`,
    polarity,
    actorSpanId: `as${counter}`,
    actorText: typeof actor === 'string' ? `mention of ${actor}` : actor.text,
    ...(typeof actor === 'string' ? { actorEntityId: actor } : {}),
    claimSpanId: `cs${counter}`,
    claimText: typeof concept === 'string' ? `claim about ${concept}` : concept.text,
    ...(typeof concept === 'string' ? { conceptId: concept } : {}),
    actorStart: 0,
    actorEnd: 5,
    claimStart: 10,
    claimEnd: 20,
    annotator: 'tester',
    ...rest,
  };
}

/**
 * The hand-worked example of docs/networks.md (worked out in networks.test.ts): Alice supports
 * Tax cut twice and opposes Wind power; Bob supports Tax cut and Wind power and is neutral on
 * Wind power; Carol opposes both and is neutral on Wind power. Nine statements, in mixed order.
 */
export const WORKED_EXAMPLE_ENTITIES: Entity[] = [
  actorEntity('alice', 'Alice Ames'),
  actorEntity('bob', 'Bob Brandt'),
  actorEntity('carol', 'Carol Chen'),
  conceptEntity('tax', 'Tax cut'),
  conceptEntity('wind', 'Wind power'),
];

export const workedExampleStatements = (): StatementRow[] => [
  row('carol', 'neutral', 'wind'),
  row('alice', 'support', 'tax'),
  row('bob', 'support', 'tax'),
  row('alice', 'oppose', 'wind'),
  row('bob', 'support', 'wind'),
  row('carol', 'oppose', 'tax'),
  row('alice', 'support', 'tax'),
  row('carol', 'oppose', 'wind'),
  row('bob', 'neutral', 'wind'),
];
