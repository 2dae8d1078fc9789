// Groups: the app's groups a page at a time, searched on the server by GroupId or name (/mock/apps/{id}/groups),
// create one; a group's profile, members a page at a time with their roles, add members, change a role, open
// its chat.
import { mock, rest } from './api.js';
import { h, attempt, table, pager, form, field, section, formatTime, debounce, refresh } from './ui.js';
import { subscribe } from './stream.js';
import { appLink, go } from './app.js';

const PAGE = 50;
const GROUP_CHANGES = new Set(['create_group', 'import_group', 'destroy_group', 'modify_group_base_info',
  'add_group_member', 'delete_group_member', 'change_group_owner']);
const TYPES = ['Public', 'Private', 'ChatRoom', 'AVChatRoom', 'Community'];

export async function renderGroups(main, app) {
  const list = h('div', { id: 'groups' });
  let offset = 0;
  let query = '';
  const draw = async () => {
    const page = await mock('GET', `/mock/apps/${app}/groups?${new URLSearchParams({ q: query, offset, limit: PAGE })}`);
    list.replaceChildren(table([
      { title: 'GroupId', cell: (g) => h('a', { href: appLink(app, 'groups', g.group_id) }, g.group_id) },
      { title: 'type', cell: (g) => g.type },
      { title: 'name', cell: (g) => g.name },
      { title: 'owner', cell: (g) => (g.owner ? h('a', { href: appLink(app, 'users', g.owner) }, g.owner) : '—') },
      { title: 'members', cell: (g) => String(g.member_num) },
      { title: 'created', cell: (g) => formatTime(g.create_time) },
      { title: 'last message', cell: (g) => formatTime(g.last_msg_time) },
    ], page.groups, { empty: query ? 'No group matches.' : 'No group yet.' }),
    pager({ offset, limit: PAGE, total: page.total, onPage: async (next) => { offset = next; await attempt(draw); } }));
  };
  const search = h('input', { type: 'search', placeholder: 'Search GroupId or name  ( / )', 'aria-label': 'Search groups', dataset: { search: '1' } });
  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { query = search.value.trim(); offset = 0; attempt(draw); }, 200);
  });
  const typeSelect = h('select', { name: 'type', 'aria-label': 'Group type' }, TYPES.map((t) => new Option(t, t)));
  main.append(
    section('New group', form([typeSelect, field('name', 'name', { required: true }), field('owner', 'owner UserID'),
      field('members', 'members (UserIDs, spaces or commas)')], 'Create group', async (values, element) => {
      const body = { Type: values.type, Name: values.name };
      if (values.owner) body.Owner_Account = values.owner.trim();
      const members = values.members.split(/[\s,]+/).filter(Boolean);
      if (members.length) body.MemberList = members.map((m) => ({ Member_Account: m }));
      const reply = await attempt(() => rest(app, 'group_open_http_svc', 'create_group', body));
      if (reply) { element.reset(); go(appLink(app, 'groups', reply.GroupId)); }
    }, { id: 'create-group' })),
    section('Groups', search, list));
  await draw();
  const redraw = debounce(() => refresh(draw));
  return subscribe((event) => {
    if (event.type === 'journal' && !event.entry.error_code && GROUP_CHANGES.has(event.entry.command)) redraw();
  });
}

export async function renderGroup(main, app, group) {
  const profile = h('div');
  const members = h('div');
  let offset = 0;
  const drawProfile = async () => {
    const reply = await rest(app, 'group_open_http_svc', 'get_group_info', { GroupIdList: [group],
      ResponseFilter: { GroupBaseInfoFilter: ['Type', 'Name', 'Introduction', 'Notification', 'Owner_Account', 'CreateTime',
        'LastMsgTime', 'NextMsgSeq', 'MemberNum', 'MaxMemberNum', 'ApplyJoinOption', 'MuteAllMember'] } });
    const info = reply.GroupInfo?.[0] || {};
    if (info.ErrorCode) throw new Error(`get_group_info: ErrorCode ${info.ErrorCode}: ${info.ErrorInfo}`);
    profile.replaceChildren(h('dl', { class: 'facts' }, Object.entries(info)
      .filter(([key]) => !['ErrorCode', 'ErrorInfo', 'GroupId'].includes(key))
      .flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, /Time$/.test(key) ? formatTime(value) : String(value))])));
  };
  const drawMembers = async () => {
    const reply = await rest(app, 'group_open_http_svc', 'get_group_member_info', { GroupId: group, Limit: PAGE, Offset: offset,
      MemberInfoFilter: ['Role', 'JoinTime', 'MsgSeq', 'NameCard', 'ShutUpUntil', 'MuteUntil'] });
    members.replaceChildren(table([
      { title: 'member', cell: (m) => h('a', { href: appLink(app, 'users', m.Member_Account) }, m.Member_Account) },
      { title: 'role', cell: (m) => m.Role },
      { title: 'name card', cell: (m) => m.NameCard || '' },
      { title: 'joined', cell: (m) => formatTime(m.JoinTime) },
      { title: 'read seq', cell: (m) => String(m.MsgSeq ?? '') },
      { title: '', cell: (m) => h('span', { class: 'actions' },
        h('a', { href: appLink(app, 'chat', m.Member_Account, 'group', group) }, 'chat as'),
        m.Role === 'Owner' ? '' : h('button', { onclick: () => setRole(m.Member_Account, m.Role === 'Admin' ? 'Member' : 'Admin') },
          m.Role === 'Admin' ? 'Make member' : 'Make admin'),
        m.Role === 'Owner' ? '' : h('button', { class: 'danger', onclick: () => remove(m.Member_Account) }, 'Remove')) },
    ], reply.MemberList || [], { empty: 'No member.' }),
    pager({ offset, limit: PAGE, total: reply.MemberNum || 0, onPage: async (next) => { offset = next; await attempt(drawMembers); } }));
  };
  const setRole = async (member, role) => {
    if (await attempt(() => rest(app, 'group_open_http_svc', 'modify_group_member_info', { GroupId: group, Member_Account: member, Role: role }))) await attempt(drawMembers);
  };
  const remove = async (member) => {
    if (await attempt(() => rest(app, 'group_open_http_svc', 'delete_group_member', { GroupId: group, MemberToDel_Account: [member] }))) await attempt(drawMembers);
  };
  main.append(
    h('p', {}, h('a', { href: appLink(app, 'groups') }, '← groups')),
    section(group, profile),
    section('Members',
      form([field('members', 'add UserIDs (spaces or commas)', { required: true })], 'Add members', async (values, element) => {
        const list = values.members.split(/[\s,]+/).filter(Boolean).map((m) => ({ Member_Account: m }));
        if (await attempt(() => rest(app, 'group_open_http_svc', 'add_group_member', { GroupId: group, MemberList: list }))) {
          element.reset();
          await attempt(drawMembers);
        }
      }), members));
  await Promise.all([attempt(drawProfile), attempt(drawMembers)]);
  // Tips are the group's changes (joins, leaves, roles, profile): redraw on each.
  const redraw = debounce(() => Promise.all([refresh(drawProfile), refresh(drawMembers)]));
  return subscribe((event) => {
    if (event.type === 'delivery' && event.group?.GroupId === group && event.kind !== 'group_message') redraw();
  });
}
