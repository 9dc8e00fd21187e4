/**
 * The notes manager: welcome on first run, import and export, the list of
 * entities and the editor.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Entity } from '../core/entity';
import { EntityEditor } from './EntityEditor';
import { EntityList } from './EntityList';
import { ImportExport } from './ImportExport';
import { Settings } from './Settings';
import { useEntities } from './use-entities';
import { send } from '../messaging/client';
import { t } from '../i18n';

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

export function App() {
  const { entities, total, error, showMore } = useEntities();
  const [editing, setEditing] = useState<Entity | 'new' | null>(null);
  const welcome = location.hash === '#welcome';

  // "Open in manager" on a card opens this page at #entity=ID: edit that entity.
  useEffect(() => {
    const id = /^#entity=(.+)$/.exec(location.hash)?.[1];
    if (!id) return;
    void send('entityGet', { id: decodeURIComponent(id) }).then((entity) => {
      if (entity) setEditing(entity);
    });
  }, []);

  return (
    <main>
      <h1>{t('managerTitle')}</h1>
      {welcome && <Welcome />}
      <ImportExport />
      <section class="panel" aria-labelledby="entities-title">
        <div class="row">
          <h2 id="entities-title">{entities ? t('notesTitleCount', total) : t('notesTitle')}</h2>
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            {t('addNote')}
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
            <span class="hint">{t('showingOf', entities.length, total)}</span>
            <button type="button" onClick={showMore}>
              {t('showMore')}
            </button>
          </p>
        )}
      </section>
      <Settings />
    </main>
  );
}
