/** The top bar's "Entities", "Network" and "Team" buttons: they switch the screen (pressed while it shows). */
import { useRunCommand } from '../commands/useCommands';
import { useWorkbench } from '../store/StoreContext';
import type { Screen } from '../store/types';
import './network.css';

const SCREENS: { screen: Screen; command: string; name: string; title: string }[] = [
  { screen: 'entities', command: 'view.entities', name: 'Entities', title: 'Actor entities and claim concepts: rename, merge, delete' },
  { screen: 'network', command: 'view.network', name: 'Network', title: 'Discourse network and stance charts of the coded statements' },
  { screen: 'team', command: 'view.team', name: 'Team', title: 'Team work: assignment and work packages, agreement' },
];

export function ScreenButtons() {
  const screen = useWorkbench((s) => s.screen);
  const run = useRunCommand();
  return (
    <>
      {SCREENS.map((s) => (
        <button key={s.screen} type="button" className="button ghost screen-button" aria-pressed={screen === s.screen} title={s.title} onClick={() => run(s.command)}>
          {s.name}
        </button>
      ))}
    </>
  );
}
