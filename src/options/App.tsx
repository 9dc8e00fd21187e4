/**
 * The notes manager: welcome on first run, import and export, the searchable
 * list of entities with bulk work and undo, the editor, and the settings.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Entity } from '../core/entity';
import { t } from '../i18n';
import { send } from '../messaging/client';
import { BulkBar } from './BulkBar';
import { EntityEditor } from './EntityEditor';
import { EntityList } from './EntityList';
import { Filters } from './Filters';
import { Health } from './Health';
import { ImportExport } from './ImportExport';
import { Settings } from './Settings';
import { Subscriptions } from './Subscriptions';
import { Trash } from './Trash';
import { UndoBar, type Undo } from './UndoBar';
import { useQuery } from './use-query';
import { errorText } from '../ui/error-text';

function Welcome() {
  return (
    <section class="panel welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('welcomeTitle')}</h2>
      <p>{t('welcomeIntro')}</p>
      <p>
        {t('welcomeStarterBefore')}{' '}
        <a href={browser.runtime.getURL('/demo.html')} target="_blank" rel="noopener">
          {t('welcomeDemoLink')}
        </a>
        .
      </p>
    </section>
  );
}

/** Selections up to this size are checked against the notes after a change (the message's limit). */
const MAX_PRUNED = 10_000;

export function App() {
  const view = useQuery();
  const [editing, setEditing] = useState<Entity | 'new' | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [undo, setUndo] = useState<Undo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const welcome = location.hash === '#welcome';

  // "Open in manager" on a card opens this page at #entity=ID: edit that entity.
  useEffect(() => {
    const id = /^#entity=(.+)$/.exec(location.hash)?.[1];
    if (!id) return;
    void send('entityGet', { id: decodeURIComponent(id) }).then((entity) => {
      if (entity) setEditing(entity);
    });
  }, []);

  // Notes deleted elsewhere leave the selection, so its count stays true.
  useEffect(() => {
    const asked = [...selected];
    if (!asked.length || asked.length > MAX_PRUNED) return;
    void send('entitiesNamed', { ids: asked }).then((found) => {
      const present = new Set(found.map((e) => e.id));
      const gone = new Set(asked.filter((id) => !present.has(id)));
      if (gone.size) setSelected((s) => new Set([...s].filter((id) => !gone.has(id))));
    });
    // Only a change to the notes prompts the check, not each click in the list (hence the deps).
  }, [view.generation]);

  const run = (work: Promise<unknown>) =>
    work.then(
      () => setError(null),
      (e: unknown) => setError(errorText(e)),
    );

  const remove = (ids: string[]) =>
    run(
      send('entitiesDelete', { ids }).then(({ batch, deleted, names }) => {
        setSelected(new Set());
        if (editing !== 'new' && editing && ids.includes(editing.id)) setEditing(null);
        setUndo({ batch, deleted, names });
      }),
    );

  const toggle = (entity: Entity, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(entity.id);
      else next.delete(entity.id);
      return next;
    });

  const total = view.total ?? 0;
  return (
    <main>
      <h1>{t('managerTitle')}</h1>
      {welcome && <Welcome />}
      <ImportExport query={view.query} onImported={view.refresh} />
      <Subscriptions generation={view.generation} />
      <section class="panel" aria-labelledby="entities-title">
        <div class="row">
          <h2 id="entities-title">
            {view.facets ? t('notesTitleCount', view.facets.total) : t('notesTitle')}
          </h2>
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            {t('addNote')}
          </button>
        </div>
        {editing && (
          <EntityEditor
            // A restored version is a new note to edit, not the form's old state.
            key={editing === 'new' ? 'new' : `${editing.id}@${editing.updatedAt}`}
            entity={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
            onDelete={(entity) => void remove([entity.id])}
            onRestored={setEditing}
          />
        )}
        <Filters query={view.query} facets={view.facets} onChange={view.setQuery} />
        <p
          class="hint"
          role="status"
          data-testid="match-count"
          // Tests wait for the answer to the query as it now stands.
          data-query={JSON.stringify(view.query)}
          data-answers={view.answered ? JSON.stringify(view.answered) : undefined}
        >
          {view.total === null ? '' : t('matchCount', total)}
        </p>
        <BulkBar
          count={selected.size}
          total={total}
          onSelectAll={() =>
            void run(
              send('entitiesQueryIds', { query: view.query }).then((ids) =>
                setSelected(new Set(ids)),
              ),
            )
          }
          onClear={() => setSelected(new Set())}
          onTag={(add, removeTags) =>
            void run(send('entitiesTag', { ids: [...selected], add, remove: removeTags }))
          }
          onDelete={() => void remove([...selected])}
        />
        {undo && (
          <UndoBar
            undo={undo}
            onUndo={() => {
              setUndo(null);
              void send('entitiesRestore', { batch: undo.batch }).then(
                ({ blocked }) => setError(blocked ? t('restoreBlocked', blocked) : null),
                (e: unknown) => setError(errorText(e)),
              );
            }}
            onDismiss={() => setUndo(null)}
          />
        )}
        {(error ?? view.error) && (
          <p role="alert" class="error">
            {error ?? view.error}
          </p>
        )}
        {view.total !== null && (
          <EntityList
            total={total}
            at={view.at}
            selected={selected}
            onToggle={toggle}
            onEdit={setEditing}
          />
        )}
      </section>
      <Trash generation={view.generation} />
      <Health total={view.facets?.total ?? null} generation={view.generation} />
      <Settings />
    </main>
  );
}
