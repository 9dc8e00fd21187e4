import { render } from 'preact';
import { App } from '../../src/options/App';
import '../../src/options/options.css';
import '../../src/options/settings.css';
import { t } from '../../src/i18n';

document.title = t('managerTitle');
render(<App />, document.getElementById('app')!);

// The benchmark times the dictionary's reload from here; user builds leave it out.
if (__BACKSTORY_E2E__) {
  void import('../../src/background/bench-hooks').then(({ timeDictionaryReload }) => {
    (
      globalThis as { backstoryTimeDictionaryReload?: () => Promise<number> }
    ).backstoryTimeDictionaryReload = timeDictionaryReload;
  });
}
