// A hostile page: many same-origin frames of about 90,000 characters
// each, all rewriting their text ten times a second, so
// every frame's content script reads and sends its text again and again.
// The frames are not drawn (display: none), so the page spends next to
// nothing on their layout and all it can on making Backstory match (more
// often would only keep its own main thread busier: Backstory rescans a
// frame at most every 50 ms, and these after waiting for a layout that
// never comes).
// ?frames=N (12) &paragraphs=N (400 per frame) &every=ms (100) &shown=1.
const params = new URLSearchParams(location.search);
const frames = Number(params.get('frames') ?? 12);
for (let i = 0; i < frames; i++) {
  const frame = document.createElement('iframe');
  frame.src = `flood-frame.html?${params}&n=${i}`;
  frame.title = `flood ${i}`;
  if (params.get('shown') !== '1') frame.style.display = 'none';
  document.body.append(frame);
}
