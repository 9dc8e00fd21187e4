import { render } from 'preact';
import { App } from '../../src/options/App';
import '../../src/options/options.css';
import '../../src/options/settings.css';
import { t } from '../../src/i18n';

document.title = t('managerTitle');
render(<App />, document.getElementById('app')!);
