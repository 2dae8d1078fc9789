// Chat as any user: pick the user, open a C2C or group conversation, read its history (MsgKey/MsgSeq, flags,
// recalled), send text or custom messages as that user, recall; new messages arrive live from the event
// stream, whoever sent them (a real client, REST, another console tab).
import { mock, rest } from './api.js';
import { h, attempt, form, field, section, bodyText, formatTime, debounce, refresh } from './ui.js';
import { appLink, go } from './app.js';
import { subscribe } from './stream.js';

const PAGE = 30;

// A <datalist> of the accounts matching what is typed in `input`, asked of the server as one types.
function suggestAccounts(app, input, id) {
  const list = h('datalist', { id });
  input.setAttribute('list', id);
  input.addEventListener('input', debounce(async () => {
    const query = new URLSearchParams({ q: input.value.trim(), limit: 20 });
    const page = await mock('GET', `/mock/apps/${app}/accounts?${query}`).catch(() => ({ accounts: [] }));
    list.replaceChildren(...page.accounts.map((a) => h('option', { value: a.user_id }, a.nick || a.user_id)));
  }, 200));
  return list;
}

export async function renderChat(main, app, args) {
  const [user, kind, target] = args;
  const actAs = field('user', 'act as UserID', { value: user || '', required: true, dataset: user ? {} : { search: '1' } });
  const pickUser = form([actAs, suggestAccounts(app, actAs, 'act-as-accounts')],
    'Act as', (values) => go(appLink(app, 'chat', values.user.trim())), { id: 'chat-as' });
  main.append(section('Chat', pickUser));
  if (!user) return undefined;

  const sidebar = h('div', { class: 'chat-side' });
  const pane = h('div', { class: 'chat-pane' });
  main.append(h('div', { class: 'chat' }, sidebar, pane));
  // The forms stay while the list under them is redrawn, so live news never wipes what is being typed.
  const peerInput = field('peer', 'open C2C with UserID', { required: true });
  const conversationList = h('ul', { class: 'conversations' });
  sidebar.append(
    form([peerInput, suggestAccounts(app, peerInput, 'peer-accounts')], 'Open', (v) => go(appLink(app, 'chat', user, 'c2c', v.peer.trim())), { id: 'open-c2c' }),
    form([field('group', 'open GroupId', { required: true })], 'Open', (v) => go(appLink(app, 'chat', user, 'group', v.group.trim())), { id: 'open-group' }),
    conversationList);
  const drawSide = async () => {
    const { conversations } = await mock('GET', `/mock/apps/${app}/accounts/${encodeURIComponent(user)}/conversations`);
    conversationList.replaceChildren(...conversations.map((c) => {
      const isGroup = c.Type === 2;
      const id = isGroup ? c.GroupId : c.To_Account;
      const active = id === target && (isGroup ? kind === 'group' : kind === 'c2c');
      return h('li', { class: active ? 'active' : '' },
        h('a', { href: appLink(app, 'chat', user, isGroup ? 'group' : 'c2c', id) },
          h('span', {}, isGroup ? `# ${c.Name || id}` : (c.Nick || id)),
          c.UnreadMsgNum ? h('span', { class: 'badge unread' }, String(c.UnreadMsgNum)) : '',
          h('small', {}, c.LastMsg ? bodyText(c.LastMsg.MsgBody) : '')));
    }));
  };
  const redrawSide = debounce(() => refresh(drawSide), 200);
  await attempt(drawSide);
  let conversation = null;
  if (kind === 'c2c' && target) conversation = c2cConversation(app, user, target);
  if (kind === 'group' && target) conversation = groupConversation(app, user, target);
  if (!conversation) {
    pane.append(h('p', { class: 'empty' }, 'Open a conversation on the left.'));
    return subscribe((event) => { if (event.type === 'delivery' && event.to.includes(user)) redrawSide(); });
  }
  await conversation.mount(pane);
  return subscribe((event) => {
    if (event.type !== 'delivery') return;
    conversation.onEvent(event);
    if (event.to.includes(user)) redrawSide();
  });
}

// The shared part of a conversation: the list of messages, the details line, "older", the composer.
function conversationView({ title, load, send, recall, keyOf }) {
  const messages = new Map();  // key → message
  const list = h('ol', { class: 'messages', 'aria-live': 'polite' });
  const details = h('pre', { class: 'details', hidden: true });
  let older = null;
  let cursor = null;
  const draw = () => {
    const sorted = [...messages.values()].sort((a, b) => (a.MsgTimeStamp - b.MsgTimeStamp) || (a.order - b.order));
    list.replaceChildren(...sorted.map((m) => {
      const recalled = (m.MsgFlagBits & 8) !== 0 || m.IsPlaceMsg === 2;
      return h('li', { class: `${m.mine ? 'mine' : ''} ${recalled ? 'recalled' : ''} ${m.IsSystemMsg ? 'system' : ''}`, tabindex: 0, dataset: { key: keyOf(m) },
        onclick: () => { details.hidden = false; details.textContent = JSON.stringify(m.raw || m, null, 2); },
        onkeydown: (e) => { if (e.key === 'Enter') e.currentTarget.click(); } },
        h('div', { class: 'meta' }, `${m.From_Account} · ${formatTime(m.MsgTimeStamp)} · ${m.MsgKey ? 'MsgKey ' + m.MsgKey : 'MsgSeq ' + m.MsgSeq}`,
          recalled ? h('span', { class: 'badge' }, 'recalled') : '',
          !recalled && !m.IsSystemMsg ? h('button', { class: 'link', onclick: (e) => { e.stopPropagation(); attempt(() => recall(m)); } }, 'recall') : ''),
        h('div', { class: 'text' }, m.IsSystemMsg ? `[tip] ${bodyText(m.MsgBody)}` : bodyText(m.MsgBody)));
    }));
    list.scrollTop = list.scrollHeight;
  };
  // Messages of one second keep the order they came in: a page of history (older than all shown) goes before
  // what is shown, a live one after.
  let first = 0;
  let next = 0;
  const add = (m, order) => {
    const known = messages.get(keyOf(m));
    messages.set(keyOf(m), { ...known, ...m, raw: m.raw || m, order: known ? known.order : order ?? next++ });
  };
  const loadMore = async (first) => {
    const page = await load(first ? null : cursor);
    [...page.items].reverse().forEach((m, i) => add(m, first - page.items.length + i));
    first -= page.items.length;
    cursor = page.cursor;
    older.hidden = page.complete;
    draw();
  };
  older = h('button', { class: 'link', onclick: () => attempt(() => loadMore(false)) }, 'older messages');
  const kindSelect = h('select', { name: 'kind', 'aria-label': 'Message type' }, new Option('text', 'text'), new Option('custom', 'custom'));
  const composer = form([kindSelect, h('input', { name: 'text', placeholder: 'message (Enter sends)', 'aria-label': 'Message', required: true, autocomplete: 'off' })],
    'Send', async (values, element) => {
      const body = values.kind === 'custom'
        ? [{ MsgType: 'TIMCustomElem', MsgContent: { Data: values.text, Desc: '', Ext: '' } }]
        : [{ MsgType: 'TIMTextElem', MsgContent: { Text: values.text } }];
      if (await attempt(() => send(body))) {
        element.querySelector('input[name=text]').value = '';
        element.querySelector('input[name=text]').focus();
      }
    }, { class: 'inline composer', id: 'composer' });
  return {
    messages, add, draw,
    async mount(pane) {
      pane.append(h('h2', {}, title), older, list, composer, details);
      await attempt(() => loadMore(true));
      composer.querySelector('input[name=text]').focus();
    },
  };
}

function c2cConversation(app, user, peer) {
  const keyOf = (m) => m.MsgKey;
  const view = conversationView({
    title: `${user} ↔ ${peer}`,
    keyOf,
    async load(cursor) {
      const body = { Operator_Account: user, Peer_Account: peer, MaxCnt: PAGE, MinTime: 0, MaxTime: cursor ? cursor.time : 4294967295 };
      if (cursor) body.LastMsgKey = cursor.key;
      const reply = await rest(app, 'openim', 'admin_getroammsg', body);
      return { items: (reply.MsgList || []).map(mark), complete: reply.Complete === 1, cursor: { key: reply.LastMsgKey, time: reply.LastMsgTime } };
    },
    async send(body) {
      const reply = await rest(app, 'openim', 'sendmsg', { SyncOtherMachine: 1, From_Account: user, To_Account: peer,
        MsgRandom: Math.floor(Math.random() * 4294967295), MsgBody: body });
      return reply;
    },
    recall: (m) => rest(app, 'openim', 'admin_msgwithdraw', { From_Account: m.From_Account, To_Account: m.To_Account, MsgKey: m.MsgKey }),
  });
  function mark(m) { return { ...m, mine: m.From_Account === user, raw: m }; }
  return {
    mount: view.mount,
    onEvent(event) {
      const m = event.message;
      if (!m || !event.kind.startsWith('c2c')) return;
      const ours = (m.From_Account === user && m.To_Account === peer) || (m.From_Account === peer && m.To_Account === user);
      if (!ours) return;
      view.add(mark(event.kind === 'c2c_recall' ? { ...m, MsgFlagBits: (m.MsgFlagBits || 0) | 8 } : m));
      view.draw();
    },
  };
}

function groupConversation(app, user, group) {
  const keyOf = (m) => String(m.MsgSeq);
  const view = conversationView({
    title: `${user} in ${group}`,
    keyOf,
    async load(cursor) {
      const body = { GroupId: group, ReqMsgNumber: 20, WithRecalledMsg: 1 };
      if (cursor) body.ReqMsgSeq = cursor;
      const reply = await rest(app, 'group_open_http_svc', 'group_msg_get_simple', body);
      const items = (reply.RspMsgList || []).map(mark);
      const lowest = Math.min(...items.map((m) => m.MsgSeq));
      return { items, complete: reply.IsFinished === 1 || !items.length, cursor: lowest - 1 };
    },
    send: (body) => rest(app, 'group_open_http_svc', 'send_group_msg', { GroupId: group, From_Account: user,
      Random: Math.floor(Math.random() * 4294967295), MsgBody: body }),
    recall: (m) => rest(app, 'group_open_http_svc', 'group_msg_recall', { GroupId: group, MsgSeqList: [{ MsgSeq: m.MsgSeq }] }),
  });
  function mark(m) { return { ...m, mine: m.From_Account === user, raw: m }; }
  return {
    mount: view.mount,
    onEvent(event) {
      const m = event.message;
      if (!m || !event.kind.startsWith('group') || m.GroupId !== group) return;
      if (event.kind === 'group_recall') {
        const known = view.messages.get(String(m.MsgSeq));
        if (known) view.add({ ...known, MsgFlagBits: (known.MsgFlagBits || 0) | 8 });
      } else {
        view.add(mark(m));
      }
      view.draw();
    },
  };
}
