import { defineBackground } from '#imports';
import { startBackground } from '../src/background';

export default defineBackground({
  // Firefox MV2: an event page, like Chrome's service worker, so both builds
  // are written for a background that can stop at any moment.
  persistent: false,
  main: startBackground,
});
