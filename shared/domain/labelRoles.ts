/**
 * The role a label plays in statements, read from its id or name ("actor", "Claim",
 * "stance-verb"): actors take stances on claims (concepts). Actor and claim spans link to
 * entities of the matching kind.
 */
import type { EntityKind, Label } from './model';

export type LinkRole = 'actor' | 'claim' | 'stance';

/** The role of a label by its id or name, or null for other labels. */
export function roleOfLabel(label: Pick<Label, 'id' | 'name'> | undefined): LinkRole | null {
  if (!label) return null;
  for (const text of [label.id, label.name]) {
    const t = text.toLowerCase();
    if (t.includes('actor')) return 'actor';
    if (t.includes('claim') || t.includes('concept')) return 'claim';
    if (t.includes('stance')) return 'stance';
  }
  return null;
}

/** The kind of entity spans of this label link to: actors for actor labels, concepts for claim labels. */
export function entityKindOfLabel(label: Pick<Label, 'id' | 'name'> | undefined): EntityKind | null {
  const role = roleOfLabel(label);
  return role === 'actor' ? 'actor' : role === 'claim' ? 'concept' : null;
}
