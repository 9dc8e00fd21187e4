import { render } from 'preact';
import { App } from '../../src/popup/App';
import '../../src/popup/popup.css';
import { t } from '../../src/i18n';

document.title = t('extName');
render(<App />, document.getElementById('app')!);
