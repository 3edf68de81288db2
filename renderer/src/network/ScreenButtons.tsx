/** The top bar's "Entities", "Network" and "Team" buttons: they switch the screen (pressed while it shows). */
import { useRunCommand } from '../commands/useCommands';
import { useWorkbench } from '../store/StoreContext';
import './network.css';

export function ScreenButtons() {
  const screen = useWorkbench((s) => s.screen);
  const run = useRunCommand();
  return (
    <>
      <button
        type="button"
        className="button ghost screen-button"
        aria-pressed={screen === 'entities'}
        title="Actor entities and claim concepts: rename, merge, delete"
        onClick={() => run('view.entities')}
      >
        Entities
      </button>
      <button
        type="button"
        className="button ghost screen-button"
        aria-pressed={screen === 'network'}
        title="Discourse network and stance charts of the coded statements"
        onClick={() => run('view.network')}
      >
        Network
      </button>
      <button
        type="button"
        className="button ghost screen-button"
        aria-pressed={screen === 'team'}
        title="Team work: assignment and work packages, agreement"
        onClick={() => run('view.team')}
      >
        Team
      </button>
    </>
  );
}
