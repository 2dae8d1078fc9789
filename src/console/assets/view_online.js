// Online: who is logged in, on which client protocol and instance (GET /mock/apps/{id}/online), a page of users
// at a time, searched on the server; each instance with its login time and last activity. Moves live as clients
// log in and out ("presence" events). Kick logs a user out everywhere, as REST im_open_login_svc/kick does.
import { mock, rest } from './api.js';
import { h, attempt, table, pager, section, formatTime, debounce, refresh } from './ui.js';
import { subscribe } from './stream.js';
import { appLink } from './app.js';

const PAGE = 50;
const PROTOCOLS = { webim: 'WebIM', chatsdk: 'Chat SDK' };
const CLIENT_SURFACES = new Set(Object.keys(PROTOCOLS));

// The logged-in users matching `query`, a page from `offset`.
export function onlinePage(app, { query = '', offset = 0, limit = PAGE } = {}) {
  return mock('GET', `/mock/apps/${app}/online?${new URLSearchParams({ q: query, offset, limit })}`);
}

export function statusBadge(status) {
  if (status === 'online') return h('span', { class: 'badge on' }, 'online');
  if (status === 'offline') return h('span', { class: 'badge', title: 'logged in, no connection' }, 'offline');
  return '';
}

// One row per instance; `withUser` adds the user's column and its kick button (the Online view), else the
// rows are one user's (its page).
export function instanceTable(app, users, { withUser = true, onKick } = {}) {
  const rows = users.flatMap((user) => user.instances.map((instance, index) => ({ user, instance, first: index === 0 })));
  const columns = [
    { title: 'protocol', cell: (r) => PROTOCOLS[r.instance.protocol] || r.instance.protocol },
    { title: 'instance', cell: (r) => h('span', { class: 'code' }, `#${r.instance.inst_id}`) },
    { title: 'platform', cell: (r) => r.instance.platform },
    { title: 'connected', cell: (r) => (r.instance.connected ? h('span', { class: 'badge on' }, 'yes') : h('span', { class: 'badge' }, 'no')) },
    { title: 'logged in', cell: (r) => formatTime(r.instance.login_time) },
    { title: 'last activity', cell: (r) => formatTime(r.instance.last_active) },
    { title: 'UserSig expires', cell: (r) => formatTime(r.instance.sig_expires_at) },
  ];
  if (withUser) {
    columns.unshift({ title: 'UserID', cell: (r) => (r.first ? h('span', {},
      h('a', { href: appLink(app, 'users', r.user.user_id) }, r.user.user_id), statusBadge(r.user.status)) : '') });
    columns.push({ title: '', cell: (r) => (r.first ? h('span', { class: 'actions' },
      h('a', { href: appLink(app, 'chat', r.user.user_id) }, 'chat as'),
      h('button', { class: 'danger', onclick: () => kick(app, r.user.user_id, onKick) }, 'Kick')) : '') });
  }
  return table(columns, rows, { empty: withUser ? 'Nobody is logged in.' : 'Not logged in on any client.', rowAttrs: (r) => ({ dataset: { user: r.user.user_id, protocol: r.instance.protocol } }) });
}

export async function kick(app, user, then) {
  if (!confirm(`Log ${user} out of every instance? Its current UserSigs stop working too (REST kick).`)) return;
  if (await attempt(() => rest(app, 'im_open_login_svc', 'kick', { UserID: user })) && then) await attempt(then);
}

export async function renderOnline(main, app) {
  let offset = 0;
  let query = '';
  const list = h('div', { id: 'online' });
  const draw = async () => {
    const page = await onlinePage(app, { query, offset });
    list.replaceChildren(instanceTable(app, page.users, { onKick: draw }),
      pager({ offset, limit: PAGE, total: page.total, onPage: async (next) => { offset = next; await attempt(draw); } }));
  };
  const search = h('input', { type: 'search', placeholder: 'Search UserID  ( / )', 'aria-label': 'Search online users', dataset: { search: '1' } });
  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { query = search.value.trim(); offset = 0; attempt(draw); }, 200);
  });
  main.append(section('Online', h('p', { class: 'muted' },
    'Client instances logged in now: WebIM (webim_wx.js long polls) and the Chat SDK (WebSockets). Logins live in memory: a restart logs everyone out.'),
  search, list));
  await draw();
  const redraw = debounce(() => refresh(draw));
  return subscribe((event) => {
    if (event.type === 'presence' || event.type === 'kick' || event.type === 'app_reset') redraw();
    // A client's call is its latest activity.
    if (event.type === 'journal' && CLIENT_SURFACES.has(event.entry.surface)) redraw();
  });
}
