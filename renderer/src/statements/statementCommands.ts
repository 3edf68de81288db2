/**
 * Linking statements by keyboard: select the actor span (N/P), press L, select the claim
 * (N/P, then Enter or L), then S / O / U for support / oppose / neutral; Esc cancels. While a
 * statement is being linked, Enter and Esc mean "pick" and "cancel" (these commands come
 * before the span commands in the registry, so they win while they apply).
 */
import type { Polarity } from '../../../shared/domain/model';
import type { Command } from '../commands/command';
import type { WorkbenchState } from '../store/types';
import { draftReady, POLARITY_TEXT } from './linking';
import { selectLinkDraft } from './statementsSlice';
import { documentOf } from '../store/documentState';

const linking = (s: WorkbenchState) => !!documentOf(s).article && !!selectLinkDraft(s);
const canPick = (s: WorkbenchState) => {
  const d = selectLinkDraft(s);
  return !!d && !!s.selectedSpanId && s.selectedSpanId !== d.actorSpanId && s.selectedSpanId !== d.claimSpanId;
};

const polarityCommand = (polarity: Polarity): Command => ({
  id: `statement.${polarity}`,
  label: `${POLARITY_TEXT[polarity].name} (finish the statement)`,
  category: 'Statements',
  keys: [{ key: POLARITY_TEXT[polarity].key }],
  description: `While linking, once actor and claim are picked: the actor ${POLARITY_TEXT[polarity].verb} the claim`,
  when: (s) => linking(s) && draftReady(selectLinkDraft(s)),
  perform: (s) => s.commitLink(polarity),
});

export const statementCommands: Command[] = [
  {
    id: 'statement.link',
    label: 'Link statement / pick span',
    category: 'Statements',
    keys: [{ key: 'l' }],
    description: 'Start a statement from the selected (actor) span; while linking, put the selected span in it',
    when: (s) => !!documentOf(s).article && (!!s.selectedSpanId || linking(s)),
    perform: (s) => {
      if (!selectLinkDraft(s)) s.startLinking();
      else if (canPick(s)) s.pickForLink(s.selectedSpanId!);
      else s.showNotice('Select the claim span first: press N/P or click its highlight.');
    },
  },
  {
    id: 'statement.pick',
    label: 'Pick the selected span',
    category: 'Statements',
    keys: [{ key: 'Enter' }],
    description: 'While linking: use the selected span as the claim (or actor, or stance, by its label)',
    when: (s) => linking(s) && canPick(s),
    perform: (s) => s.pickForLink(s.selectedSpanId!),
  },
  polarityCommand('support'),
  polarityCommand('oppose'),
  polarityCommand('neutral'),
  {
    id: 'statement.cancel',
    label: 'Cancel linking',
    category: 'Statements',
    keys: [{ key: 'Escape' }],
    when: linking,
    perform: (s) => s.cancelLinking(),
  },
  {
    id: 'statement.showList',
    label: 'Show the statements',
    category: 'Statements',
    keys: [],
    when: (s) => !!documentOf(s).article,
    perform: (s) => s.setSideTab('statements'),
  },
];

/** Switching screens (the top bar's buttons run these). */
export const screenCommands: Command[] = [
  {
    id: 'view.entities',
    label: 'Entities and concepts',
    category: 'General',
    keys: [],
    when: () => true,
    perform: (s) => s.setScreen('entities'),
  },
  {
    id: 'view.network',
    label: 'Network and charts',
    category: 'General',
    keys: [],
    when: () => true,
    perform: (s) => s.setScreen('network'),
  },
  {
    id: 'view.team',
    label: 'Team: packages and agreement',
    category: 'General',
    keys: [],
    when: () => true,
    perform: (s) => s.setScreen('team'),
  },
];
