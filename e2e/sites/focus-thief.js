// A hostile page: whenever focus leaves the page's body for anything but its
// own field (a card's frame, say), it takes focus into that field, every 20 ms.
window.stolen = '';
// Every key the page hears, wherever focus is.
window.heard = '';
addEventListener('keydown', (event) => (window.heard += event.key), true);
window.stealing = 0;
const trap = document.getElementById('trap');
trap.addEventListener('input', () => (window.stolen = trap.value));
setInterval(() => {
  const active = document.activeElement;
  if (active && active !== document.body && active !== trap) {
    window.stealing++;
    trap.focus();
  }
}, 20);
