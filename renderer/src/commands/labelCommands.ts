/** One command per label of the schema: its hotkey labels the selected text or relabels the selected span. */
import type { Label } from '../../../shared/domain/model';
import { planWith, type Command } from './command';
import { planApplyLabel } from './spanEdits';
import { documentOf } from '../store/documentState';

export const labelCommandId = (labelId: string) => `label.${labelId}`;

export function labelCommands(labels: readonly Label[]): Command[] {
  return labels.map((label) => ({
    id: labelCommandId(label.id),
    label: label.name,
    category: 'Labels',
    keys: label.hotkey ? [{ key: label.hotkey }] : [],
    description: `Label the selected text as ${label.name}, or change the selected span to ${label.name}`,
    when: (s) => !!documentOf(s).article,
    plan: planWith((ctx, s) => planApplyLabel(ctx, label.id, s.textSelection, s.selectedSpanId)),
  }));
}
