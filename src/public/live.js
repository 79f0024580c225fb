// @ts-check
// The live meeting view follows the meeting without reloading: the server sends an event when
// an item starts or ends (Server-Sent Events) and once a minute for the clocks; the board is then
// fetched again and swapped in. Without JavaScript a reload shows the same board.

const source = document.querySelector('[data-live-source]');
const eventsUrl = source instanceof HTMLElement ? source.dataset.liveSource : undefined;
const fragmentUrl = source instanceof HTMLElement ? source.dataset.liveFragment : undefined;

async function refreshBoard() {
  if (!fragmentUrl) return;
  const response = await fetch(fragmentUrl, { headers: { accept: 'text/html' } });
  if (!response.ok) return;
  const board = document.getElementById('live-board');
  if (!board) return;
  const next = document.createElement('div');
  next.innerHTML = await response.text();
  const replacement = next.querySelector('#live-board');
  if (replacement) board.replaceWith(replacement);
}

if (eventsUrl && 'EventSource' in window) {
  const events = new EventSource(eventsUrl);
  events.addEventListener('change', () => void refreshBoard());
  events.addEventListener('tick', () => void refreshBoard());
}
