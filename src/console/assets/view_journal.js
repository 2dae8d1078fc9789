// The journal as a live table: the newest calls first, filtered on the server when loaded and in the page as
// new entries stream in; a row opens its request and reply bodies.
import { mock } from './api.js';
import { h, attempt, section, formatTime, refresh } from './ui.js';
import { subscribe } from './stream.js';

const SHOWN = 300;  // rows kept in the table; older ones are a filter away
const FILTERS = ['surface', 'service', 'command', 'identifier', 'error_code'];

export async function renderJournal(main, app) {
  const inputs = Object.fromEntries(FILTERS.map((name) => [name, h('input', {
    name, placeholder: name.replace('_', ' '), 'aria-label': `filter ${name}`, dataset: name === 'command' ? { search: '1' } : {},
  })]));
  const body = h('tbody');
  const details = h('pre', { class: 'details', hidden: true });
  const count = h('span', { class: 'muted' });
  let entries = [];
  const filters = () => Object.fromEntries(FILTERS.map((name) => [name, inputs[name].value.trim()]).filter(([, value]) => value));
  const matches = (entry) => Object.entries(filters()).every(([name, value]) => String(entry[name]) === value);
  const row = (e) => h('tr', { class: e.error_code ? 'failed' : '', tabindex: 0, dataset: { seq: String(e.seq) },
    onclick: () => { details.hidden = false; details.textContent = JSON.stringify({ request: e.request, reply: e.reply, path: e.path, fault_rule: e.fault_rule }, null, 2); },
    onkeydown: (event) => { if (event.key === 'Enter') event.currentTarget.click(); } },
  h('td', {}, String(e.seq)), h('td', {}, formatTime(e.time)), h('td', {}, e.surface), h('td', {}, `${e.service}/${e.command}`),
  h('td', {}, e.identifier), h('td', { class: 'code' }, String(e.error_code)),
  h('td', {}, e.reply && typeof e.reply === 'object' ? (e.reply.ErrorInfo ?? '') : ''),
  h('td', {}, e.fault_rule || ''), h('td', {}, `${Number(e.latency_ms).toFixed(1)} ms`));
  const draw = () => {
    body.replaceChildren(...entries.map(row));
    count.textContent = `${entries.length} shown`;
  };
  const load = async () => {
    const query = new URLSearchParams({ ...filters(), order: 'newest', limit: SHOWN });
    entries = (await mock('GET', `/mock/apps/${app}/journal?${query}`)).entries;
    draw();
  };
  let timer = null;
  for (const input of Object.values(inputs)) input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => attempt(load), 250); });
  main.append(section('Journal',
    h('div', { class: 'inline' }, Object.values(inputs),
      h('button', { onclick: async () => { if (await attempt(() => mock('DELETE', `/mock/apps/${app}/journal`))) { entries = []; draw(); } } }, 'Clear journal'), count),
    h('div', { class: 'scroll' }, h('table', { id: 'journal' },
      h('thead', {}, h('tr', {}, ['seq', 'time', 'surface', 'call', 'identifier', 'ErrorCode', 'ErrorInfo', 'fault rule', 'latency'].map((t) => h('th', {}, t)))),
      body)),
    details));
  await load();
  return subscribe((event) => {
    if (event.type === 'app_reset') { refresh(load); return; }
    if (event.type !== 'journal' || !matches(event.entry)) return;
    entries.unshift(event.entry);
    entries.length = Math.min(entries.length, SHOWN);
    body.prepend(row(event.entry));
    while (body.children.length > SHOWN) body.lastChild.remove();
    count.textContent = `${entries.length} shown`;
  });
}
