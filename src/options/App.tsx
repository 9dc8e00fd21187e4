/**
 * The notes manager: welcome on first run, import and export, the list of
 * entities and the editor.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Entity } from '../core/entity';
import { EntityEditor } from './EntityEditor';
import { EntityList } from './EntityList';
import { ImportExport } from './ImportExport';
import { Settings } from './Settings';
import { useEntities } from './use-entities';

function Welcome() {
  return (
    <section class="panel welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome to Backstory</h2>
      <p>
        Backstory marks the names and topics you keep notes on as you read the news. Rest the
        pointer on a marked name to see your note; press Esc to close it.
      </p>
      <p>
        A few starter notes are installed (tagged <em>starter</em>; delete them whenever you like).
        See them at work on the{' '}
        <a href={browser.runtime.getURL('/demo.html')} target="_blank" rel="noopener">
          demo article
        </a>
        .
      </p>
    </section>
  );
}

export function App() {
  const { entities, total, error, showMore } = useEntities();
  const [editing, setEditing] = useState<Entity | 'new' | null>(null);
  const welcome = location.hash === '#welcome';

  return (
    <main>
      <h1>Backstory notes</h1>
      {welcome && <Welcome />}
      <ImportExport />
      <section class="panel" aria-labelledby="entities-title">
        <div class="row">
          <h2 id="entities-title">Notes {entities ? `(${total.toLocaleString()})` : ''}</h2>
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            Add note
          </button>
        </div>
        {editing && (
          <EntityEditor
            key={editing === 'new' ? 'new' : editing.id}
            entity={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        {entities && <EntityList entities={entities} onEdit={setEditing} />}
        {entities && total > entities.length && (
          <p class="row">
            <span class="hint">
              Showing {entities.length.toLocaleString()} of {total.toLocaleString()}.
            </span>
            <button type="button" onClick={showMore}>
              Show more
            </button>
          </p>
        )}
      </section>
      <Settings />
    </main>
  );
}
