// One frame of flood.html: paragraphs of about 250 characters, rewritten
// every `every` ms, each paragraph's text node in place (so more than the
// content script's 200 changed blocks a batch: it reads the whole frame
// each time). The words name nobody: the frame costs its own page little to
// draw, and the background the most to match.
const params = new URLSearchParams(location.search);
const paragraphs = Number(params.get('paragraphs') ?? 400);
const every = Number(params.get('every') ?? 100);
const WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ' +
  'incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud'
).split(' ');
const sentence = (seed) =>
  Array.from({ length: 40 }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ');
const texts = [];
for (let i = 0; i < paragraphs; i++) {
  const p = document.createElement('p');
  const text = document.createTextNode(sentence(i));
  p.append(text);
  document.body.append(p);
  texts.push(text);
}
window.rewrites = 0;
let seed = 0;
setInterval(() => {
  seed++;
  for (let i = 0; i < texts.length; i++) texts[i].data = sentence(seed + i);
  window.rewrites++;
}, every);
