/** The shortcut help, generated from the command registry. */
import { bindingParts } from '../commands/keys';
import { CATEGORY_ORDER } from '../commands/registry';
import { useCommands } from '../commands/useCommands';
import { useWorkbenchStore } from '../store/StoreContext';
import { Dialog } from './Dialog';

export function HelpDialog() {
  const store = useWorkbenchStore();
  const commands = useCommands().filter((c) => c.keys.length);
  const close = () => store.getState().closeDialog();
  return (
    <Dialog title="Keyboard shortcuts" onClose={close} className="help-dialog">
      <div className="help-grid">
        {CATEGORY_ORDER.map((category) => {
          const list = commands.filter((c) => c.category === category);
          if (!list.length) return null;
          return (
            <section key={category} aria-label={category}>
              <h3>{category}</h3>
              {category === 'Caret and selection' && (
                <p className="hint help-note">While the article text has focus. In right-to-left paragraphs ← and → are mirrored.</p>
              )}
              <table className="shortcut-table">
                <tbody>
                  {list.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.label}</th>
                      <td>
                        {c.keys.map((k, i) => (
                          <span key={i} className="combo">
                            {i > 0 && <span className="muted"> or </span>}
                            {bindingParts(k).map((part, j) => (
                              <kbd key={j}>{part}</kbd>
                            ))}
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          );
        })}
        <section aria-label="Mouse">
          <h3>Mouse</h3>
          <ul className="plain-list">
            <li>Drag over text, then press a label key or click a label button.</li>
            <li>Click a highlight to select its innermost span; click again to select the span around it.</li>
            <li>Click a span in the Spans panel to jump to it.</li>
          </ul>
        </section>
      </div>
    </Dialog>
  );
}
