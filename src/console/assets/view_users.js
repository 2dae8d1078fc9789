// Users: the app's accounts a page at a time (searched on the server), import, edit nick and avatar, delete;
// one user's friends, blacklist, conversations with unread counts, online state and logged-in instances, live.
import { mock, rest } from './api.js';
import { h, attempt, table, pager, form, field, section, bodyText, formatTime, debounce, refresh } from './ui.js';
import { appLink } from './app.js';
import { subscribe } from './stream.js';
import { onlinePage, instanceTable, kick } from './view_online.js';

const PAGE = 50;
const ACCOUNT_CHANGES = new Set(['account_import', 'multiaccount_import', 'account_delete', 'portrait_set']);

export async function renderUsers(main, app) {
  let offset = 0;
  let query = '';
  let shown = new Set();  // the UserIDs on the page
  const list = h('div');
  const draw = async () => {
    const page = await mock('GET', `/mock/apps/${app}/accounts?${new URLSearchParams({ q: query, offset, limit: PAGE })}`);
    shown = new Set(page.accounts.map((a) => a.user_id));
    list.replaceChildren(
      table([
        { title: 'UserID', cell: (u) => h('a', { href: appLink(app, 'users', u.user_id) }, u.user_id) },
        { title: 'nick', cell: (u) => u.nick },
        { title: 'avatar', cell: (u) => (u.face_url ? h('span', { class: 'url', title: u.face_url }, u.face_url) : '') },
        { title: 'online', cell: (u) => (u.online ? h('a', { class: 'badge on', href: appLink(app, 'online') }, 'online') : '') },
        { title: '', cell: (u) => h('span', { class: 'actions' },
          h('a', { href: appLink(app, 'chat', u.user_id) }, 'chat as'),
          h('button', { class: 'danger', onclick: () => removeUser(app, u.user_id, draw) }, 'Delete')) },
      ], page.accounts, { empty: query ? 'No account matches.' : 'No account yet: import some above.' }),
      pager({ offset, limit: PAGE, total: page.total, onPage: async (next) => { offset = next; await attempt(draw); } }));
  };
  const search = h('input', { type: 'search', placeholder: 'Search UserID or nick  ( / )', 'aria-label': 'Search users', dataset: { search: '1' } });
  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { query = search.value.trim(); offset = 0; attempt(draw); }, 200);
  });
  main.append(
    section('Import users',
      form([field('user_id', 'UserID', { required: true }), field('nick', 'nick'), field('face_url', 'avatar URL')],
        'Import', async (values, element) => {
          const body = { UserID: values.user_id.trim() };
          if (values.nick) body.Nick = values.nick;
          if (values.face_url) body.FaceUrl = values.face_url;
          if (await attempt(() => rest(app, 'im_open_login_svc', 'account_import', body))) {
            element.reset();
            await attempt(draw);
          }
        }, { id: 'import-user' }),
      form([h('textarea', { name: 'ids', rows: 2, placeholder: 'many UserIDs, separated by spaces, commas or lines', 'aria-label': 'UserIDs' })],
        'Import all', async (values, element) => {
          const ids = values.ids.split(/[\s,]+/).filter(Boolean);
          for (let i = 0; i < ids.length; i += 100) {
            const reply = await attempt(() => rest(app, 'im_open_login_svc', 'multiaccount_import', { Accounts: ids.slice(i, i + 100) }));
            if (!reply) return;
          }
          element.reset();
          await attempt(draw);
        })),
    section('Users', search, list));
  await draw();
  // Accounts imported, edited or deleted from anywhere (REST, another tab) show at once; so does a reset.
  const redraw = debounce(() => refresh(draw));
  return subscribe((event) => {
    if (event.type === 'app_reset' || event.type === 'kick') redraw();
    if (event.type === 'presence' && shown.has(event.user)) redraw();
    if (event.type === 'journal' && !event.entry.error_code && ACCOUNT_CHANGES.has(event.entry.command)) redraw();
  });
}

async function removeUser(app, user, then) {
  if (!confirm(`Delete ${user}, its profile and relations?`)) return;
  if (await attempt(() => rest(app, 'im_open_login_svc', 'account_delete', { DeleteItem: [{ UserID: user }] }))) await attempt(then);
}

export async function renderUser(main, app, user) {
  const profile = h('div');
  const conversations = h('div');
  const friends = h('div');
  const blacklist = h('div');
  const instances = h('div', { id: 'instances' });
  const drawInstances = async () => {
    const page = await onlinePage(app, { query: user, limit: 500 });
    const mine = page.users.filter((u) => u.user_id === user);
    instances.replaceChildren(instanceTable(app, mine, { withUser: false }),
      mine.length ? h('p', { class: 'actions' }, h('button', { class: 'danger', onclick: () => kick(app, user, drawInstances) }, `Kick ${user} (every instance)`)) : '');
  };
  const drawProfile = async () => {
    const page = await mock('GET', `/mock/apps/${app}/accounts?${new URLSearchParams({ q: user, limit: 500 })}`);
    const account = page.accounts.find((a) => a.user_id === user);
    if (!account) { profile.replaceChildren(h('p', {}, `${user} is not an imported account.`)); return; }
    const status = await rest(app, 'openim', 'query_online_status', { To_Account: [user], IsNeedDetail: 1 }).catch(() => null);
    const state = status?.QueryResult?.[0];
    profile.replaceChildren(
      h('p', {}, avatar(account.face_url),
        h('strong', {}, account.nick || user), ` · ${user} · imported ${formatTime(account.created_at)} · `,
        state ? h('span', { class: state.Status === 'Online' ? 'badge on' : 'badge' },
          state.Status + (state.Detail?.length ? ` (${state.Detail.map((d) => d.Platform).join(', ')})` : '')) : ''),
      form([field('nick', 'nick', { value: account.nick }), field('face_url', 'avatar URL', { value: account.face_url })],
        'Save profile', async (values) => {
          const items = [{ Tag: 'Tag_Profile_IM_Nick', Value: values.nick }, { Tag: 'Tag_Profile_IM_Image', Value: values.face_url }];
          if (await attempt(() => rest(app, 'profile', 'portrait_set', { From_Account: user, ProfileItem: items }))) await attempt(drawProfile);
        }, { id: 'edit-profile' }),
      h('p', { class: 'actions' }, h('a', { href: appLink(app, 'chat', user) }, `Chat as ${user} →`)));
  };
  const drawConversations = async () => {
    const { conversations: items } = await mock('GET', `/mock/apps/${app}/accounts/${encodeURIComponent(user)}/conversations`);
    conversations.replaceChildren(table([
      { title: 'with', cell: (c) => h('a', { href: c.Type === 1 ? appLink(app, 'chat', user, 'c2c', c.To_Account) : appLink(app, 'chat', user, 'group', c.GroupId) },
        c.Type === 1 ? `${c.Nick || c.To_Account} (${c.To_Account})` : `${c.Name || c.GroupId} (group)`) },
      { title: 'unread', cell: (c) => (c.UnreadMsgNum ? h('span', { class: 'badge unread' }, String(c.UnreadMsgNum)) : '0') },
      { title: 'last message', cell: (c) => (c.LastMsg ? `${c.LastMsg.From_Account}: ${bodyText(c.LastMsg.MsgBody)}` : '') },
      { title: 'time', cell: (c) => formatTime(c.MsgTimeStamp) },
    ], items, { empty: 'No conversation yet.' }));
  };
  const drawFriends = async () => {
    const reply = await rest(app, 'sns', 'friend_get', { From_Account: user, StartIndex: 0, StandardSequence: 0, CustomSequence: 0 });
    const rows = reply.UserDataItem || [];
    friends.replaceChildren(table([
      { title: 'friend', cell: (f) => h('a', { href: appLink(app, 'users', f.To_Account) }, f.To_Account) },
      { title: 'remark', cell: (f) => (f.ValueItem || []).find((v) => v.Tag === 'Tag_SNS_IM_Remark')?.Value || '' },
    ], rows, { empty: 'No friend.' }), reply.CompleteFlag === 0 ? h('p', { class: 'empty' }, `first ${rows.length} of ${reply.FriendNum}`) : '');
  };
  const drawBlacklist = async () => {
    const reply = await rest(app, 'sns', 'black_list_get', { From_Account: user, StartIndex: 0, MaxLimited: 100, LastSequence: 0 });
    blacklist.replaceChildren(table([
      { title: 'blocked', cell: (b) => h('a', { href: appLink(app, 'users', b.To_Account) }, b.To_Account) },
      { title: 'since', cell: (b) => formatTime(b.AddBlackTimeStamp) },
    ], reply.BlackListItem || [], { empty: 'Nobody blocked.' }));
  };
  main.append(
    h('p', {}, h('a', { href: appLink(app, 'users') }, '← users')),
    section(user, profile), section('Logged in', instances), section('Conversations', conversations),
    h('div', { class: 'columns' }, section('Friends', friends), section('Blacklist', blacklist)));
  await Promise.all([drawProfile(), drawInstances(), drawConversations(), drawFriends(), drawBlacklist()].map((p) => attempt(() => p)));
  const redrawPresence = debounce(() => refresh(() => Promise.all([drawProfile(), drawInstances()])));
  return subscribe((event) => {
    if ((event.type === 'presence' || event.type === 'kick') && event.user === user) redrawPresence();
    if (event.type === 'delivery' && event.to.includes(user)) refresh(drawConversations);
    if (event.type === 'delivery' && event.kind === 'relation_change' && event.to.includes(user)) refresh(() => Promise.all([drawFriends(), drawBlacklist()]));
  });
}

// A data: avatar is drawn; any other is a link, since loading it would reach out to the network (which an
// offline machine has not, and a failed load is a browser error).
function avatar(url) {
  if (!url) return '';
  if (url.startsWith('data:image/')) return h('img', { class: 'avatar', src: url, alt: '' });
  return h('a', { href: url, target: '_blank', rel: 'noreferrer', class: 'url' }, 'avatar ↗');
}
