// Compat: the real @tencentcloud/chat SDK (installed from npm by chat_sdk.test.sh) against timock, with
// `proxyServer` pointed at it. Two users log in, list conversations, chat both ways, read history, mark read
// and a conversation, chat in a group with a third, and log out; a REST send reaches a client live; an expired sig is refused as the SDK
// expects. Prints "N passed, N failed" (the compat runner reads it).
'use strict';
global.WebSocket = require('ws');
// The SDK must make no HTTP request with proxyServer set (modern-sdk-protocol.md §8): fail loudly if it tries.
const httpAttempts = [];
global.fetch = (url) => { httpAttempts.push(String(url)); return Promise.reject(new Error('no network')); };
global.XMLHttpRequest = function () {
  this.open = (method, url) => httpAttempts.push(String(url));
  this.send = () => {};
  this.setRequestHeader = () => {};
};
process.on('unhandledRejection', () => {});  // the SDK leaves some internal promises uncaught (§1)
if (process.env.WX_SHIM) {
  // tim-wx-sdk 2.x runs in a WeChat mini program: just enough of `wx`, its socket over `ws`
  // (modern-sdk-protocol.md §1).
  const WS = require('ws');
  const storage = new Map();
  const toArrayBuffer = (b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  global.wx = {
    getSystemInfoSync: () => ({ fontSizeSetting: 16, platform: 'devtools', system: 'node', version: '8.0.0', SDKVersion: '3.0.0', model: 'node', brand: 'node', language: 'zh_CN' }),
    getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k, v) => storage.set(k, v),
    removeStorageSync: (k) => storage.delete(k),
    getNetworkType: ({ success }) => setTimeout(() => success && success({ networkType: 'wifi' }), 0),
    onNetworkStatusChange: () => {},
    offNetworkStatusChange: () => {},
    onAppShow: () => {},
    onAppHide: () => {},
    canIUse: () => false,
    request: ({ url, fail }) => { httpAttempts.push(String(url)); if (fail) setTimeout(() => fail({ errMsg: 'no network' }), 0); },
    connectSocket: ({ url }) => {
      const socket = new WS(url);
      socket.binaryType = 'nodebuffer';
      return {
        onOpen: (cb) => socket.on('open', () => cb({})),
        onClose: (cb) => socket.on('close', (code, reason) => cb({ code, reason: String(reason) })),
        onError: (cb) => socket.on('error', (e) => cb({ errMsg: String(e) })),
        onMessage: (cb) => socket.on('message', (data, isBinary) => cb({ data: isBinary ? toArrayBuffer(data) : String(data) })),
        send: ({ data, success, fail }) => socket.send(typeof data === 'string' ? data : Buffer.from(data), (e) => (e ? fail && fail(e) : success && success())),
        close: ({ code } = {}) => { try { socket.close(code || 1000); } catch (e) { /* not open yet */ } },
      };
    },
  };
}
if (process.env.WX_SHIM) {
  // The mini program's own globals the SDK peeks at.
  global.getApp = () => ({ globalData: {} });
  global.__wxConfig = { pages: ['pages/index/index'] };
}
if (process.env.BROWSER_SHIMS) {
  // tim-js-sdk 2.x wants a browser around it (modern-sdk-protocol.md §1): just enough of one.
  const store = new Map();
  global.localStorage = { getItem: (k) => (store.has(k) ? store.get(k) : null), setItem: (k, v) => store.set(k, String(v)), removeItem: (k) => store.delete(k) };
  global.window = global;
  global.navigator = { userAgent: 'node', language: 'en' };
  global.document = { addEventListener() {}, removeEventListener() {}, hidden: false, visibilityState: 'visible', charset: 'UTF-8' };
  global.addEventListener = () => {};
  global.removeEventListener = () => {};
  global.location = { protocol: 'http:', href: 'http://localhost/' };
}

const sdkModule = process.env.SDK_MODULE || '@tencentcloud/chat';
const TencentCloudChat = require(sdkModule);
// create() hands back the same instance for the same SDKAppID within one module copy, so each user of this
// test gets a fresh copy of the module: two users, two independent SDKs, as on two devices.
function freshSdk() {
  for (const key of Object.keys(require.cache)) if (key.includes(`${require('path').sep}chat${require('path').sep}`) || key.includes(sdkModule)) delete require.cache[key];
  return require(sdkModule);
}
const base = `http://127.0.0.1:${process.env.PORT}`;
const proxyServer = `ws://127.0.0.1:${process.env.PORT}`;

let passed = 0;
let failed = 0;
function check(what, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${what}`);
  } else {
    failed++;
    console.log(`FAIL ${what}${detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  }
}

async function http(method, path, body) {
  const res = await globalThis.realFetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function waitFor(chat, event, predicate = () => true, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      chat.off(event, handler);
      reject(new Error(`timeout waiting for ${event}`));
    }, timeoutMs);
    function handler(e) {
      if (!predicate(e)) return;
      clearTimeout(timer);
      chat.off(event, handler);
      resolve(e);
    }
    chat.on(event, handler);
  });
}

async function usersig(appId, identifier, expire) {
  const r = await http('POST', `/mock/apps/${appId}/usersig`, expire === undefined ? { identifier } : { identifier, expire });
  return r.usersig;
}

async function loggedIn(appId, userID) {
  const chat = freshSdk().create({ SDKAppID: appId, proxyServer });
  chat.setLogLevel(4);
  const ready = waitFor(chat, TencentCloudChat.EVENT.SDK_READY);
  const res = await chat.login({ userID, userSig: await usersig(appId, userID) });
  await ready;
  return { chat, login: res };
}

// 3c. Friends: a request to bob (who must confirm, the default AllowType), pushed to him; he accepts; both lists
// show the other; a remark, a friend group, a friend's nick change; bob blocks alice, her message is refused with
// 20007; he unblocks her.
async function friends(alice, bob, rest) {
  const bobHearsRequest = waitFor(bob.chat, TencentCloudChat.EVENT.FRIEND_APPLICATION_LIST_UPDATED,
    (e) => e.data.friendApplicationList.some((a) => a.userID === 'alice' && a.type === TencentCloudChat.TYPES.SNS_APPLICATION_SENT_TO_ME));
  const asked = await alice.chat.addFriend({ to: 'bob', source: 'AddSource_Type_Web', wording: 'hi bob', type: TencentCloudChat.TYPES.SNS_ADD_TYPE_BOTH }).catch((e) => e);
  // 2998 NO_MODULE: a build without the relationship module (plain tim-js-sdk / tim-wx-sdk 2.x).
  if (asked && asked.code === 2998) {
    console.log('skip friends: this SDK build has no relationship module');
    return;
  }
  check('addFriend to a NeedConfirm user resolves with 30539 (a request)', asked && asked.data && asked.data.code === 30539, asked);
  const request = await bobHearsRequest.catch((e) => e);
  check('bob gets FRIEND_APPLICATION_LIST_UPDATED with alice\'s request', !(request instanceof Error), String(request));
  const apps = await bob.chat.getFriendApplicationList().catch((e) => e);
  check('getFriendApplicationList lists it, unread', apps && apps.data && apps.data.friendApplicationList.some((a) => a.userID === 'alice' && a.wording === 'hi bob') && apps.data.unreadCount === 1, apps && apps.data);
  const aliceGetsBob = waitFor(alice.chat, TencentCloudChat.EVENT.FRIEND_LIST_UPDATED, (e) => e.data.some((f) => f.userID === 'bob'));
  const bobGetsAlice = waitFor(bob.chat, TencentCloudChat.EVENT.FRIEND_LIST_UPDATED, (e) => e.data.some((f) => f.userID === 'alice'));
  const accepted = await bob.chat.acceptFriendApplication({ userID: 'alice', remark: 'Al', type: TencentCloudChat.TYPES.SNS_APPLICATION_AGREE_AND_ADD }).catch((e) => e);
  // (It resolves with nothing on success, and rejects with {code, message}.)
  check('acceptFriendApplication resolves', accepted === undefined || (accepted && accepted.code === 0), accepted);
  check('alice\'s friend list gets bob (FRIEND_LIST_UPDATED)', !((await aliceGetsBob.catch((e) => e)) instanceof Error));
  check('bob\'s friend list gets alice', !((await bobGetsAlice.catch((e) => e)) instanceof Error));
  const checked = await alice.chat.checkFriend({ userIDList: ['bob'], type: TencentCloudChat.TYPES.SNS_CHECK_TYPE_BOTH }).catch((e) => e);
  check('checkFriend says both ways', checked && checked.data && checked.data.successUserIDList.some((r) => r.userID === 'bob' && r.relation === TencentCloudChat.TYPES.SNS_TYPE_BOTH_WAY), checked && checked.data);
  const remarked = await alice.chat.updateFriend({ userID: 'bob', remark: 'Bobby' }).catch((e) => e);
  check('updateFriend (remark) resolves', remarked && remarked.code === 0, remarked);
  const grouped = await alice.chat.createFriendGroup({ name: 'work', userIDList: ['bob'] }).catch((e) => e);
  check('createFriendGroup with bob resolves', grouped && grouped.code === 0 && grouped.data.friendGroup.userIDList.includes('bob'), grouped && (grouped.data || grouped));
  const out = await alice.chat.removeFromFriendGroup({ name: 'work', userIDList: ['bob'] }).catch((e) => e);
  check('removeFromFriendGroup takes bob out', out && out.code === 0 && !out.data.friendGroup.userIDList.includes('bob') && out.data.failureUserIDList.length === 0, out && (out.data || out));
  const back = await alice.chat.addToFriendGroup({ name: 'work', userIDList: ['bob'] }).catch((e) => e);
  check('addToFriendGroup puts him back', back && back.code === 0 && back.data.friendGroup.userIDList.includes('bob'), back && (back.data || back));
  const groupsNow = await alice.chat.getFriendGroupList().catch((e) => e);
  check('getFriendGroupList has work with bob', groupsNow && groupsNow.data && groupsNow.data.some((g) => g.name === 'work' && g.userIDList.includes('bob')), groupsNow && groupsNow.data);
  const nickSeen = waitFor(alice.chat, TencentCloudChat.EVENT.PROFILE_UPDATED, (e) => e.data.some((p) => p.userID === 'bob' && p.nick === '鲍勃'));
  await rest('profile', 'portrait_set', { From_Account: 'bob', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: '鲍勃' }] });
  check('a friend\'s nick change reaches alice (PROFILE_UPDATED)', !((await nickSeen.catch((e) => e)) instanceof Error));
  const blacklisted = waitFor(bob.chat, TencentCloudChat.EVENT.BLACKLIST_UPDATED, (e) => e.data.includes('alice'));
  const aliceLosesBob = waitFor(alice.chat, TencentCloudChat.EVENT.FRIEND_LIST_UPDATED, (e) => !e.data.some((f) => f.userID === 'bob'));
  const blocked = await bob.chat.addToBlacklist({ userIDList: ['alice'] }).catch((e) => e);
  check('addToBlacklist resolves, BLACKLIST_UPDATED', blocked && blocked.code === 0 && !((await blacklisted.catch((e) => e)) instanceof Error), blocked);
  check('the block ends the friendship on alice\'s side', !((await aliceLosesBob.catch((e) => e)) instanceof Error));
  const blockedSend = await alice.chat.sendMessage(alice.chat.createTextMessage({ to: 'bob', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: 'blocked?' } })).catch((e) => e);
  check('a message to someone who blocked you rejects with 20007', blockedSend && blockedSend.code === 20007, blockedSend && blockedSend.code);
  const unblocked = await bob.chat.removeFromBlacklist({ userIDList: ['alice'] }).catch((e) => e);
  check('removeFromBlacklist resolves', unblocked && unblocked.code === 0, unblocked);
  const again = await alice.chat.sendMessage(alice.chat.createTextMessage({ to: 'bob', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: 'unblocked' } })).catch((e) => e);
  check('…then messages go through again', again && again.code === 0, again && again.code);

  // Friend groups outlive their friends; rename and delete one.
  const renamed = await alice.chat.renameFriendGroup({ oldName: 'work', newName: 'job' }).catch((e) => e);
  check('renameFriendGroup resolves', renamed && renamed.code === 0, renamed);
  const dropped = await alice.chat.deleteFriendGroup({ name: 'job' }).catch((e) => e);
  check('deleteFriendGroup resolves', dropped && dropped.code === 0, dropped);
  // A second request: marked read, then refused.
  const bobHearsAgain = waitFor(bob.chat, TencentCloudChat.EVENT.FRIEND_APPLICATION_LIST_UPDATED, (e) => e.data.unreadCount === 1);
  await alice.chat.addFriend({ to: 'bob', source: 'AddSource_Type_Web', wording: 'again' }).catch((e) => e);
  check('a second request reaches bob, unread', !((await bobHearsAgain.catch((e) => e)) instanceof Error));
  const readApps = await bob.chat.setFriendApplicationRead().catch((e) => e);
  check('setFriendApplicationRead resolves', readApps === undefined || (readApps && readApps.code === 0), readApps);
  const emptied = waitFor(bob.chat, TencentCloudChat.EVENT.FRIEND_APPLICATION_LIST_UPDATED, (e) => !e.data.friendApplicationList.some((a) => a.userID === 'alice'));
  const refusedApp = await bob.chat.refuseFriendApplication({ userID: 'alice' }).catch((e) => e);
  check('refuseFriendApplication resolves, the request is gone', (refusedApp === undefined || (refusedApp && refusedApp.code === 0)) && !((await emptied.catch((e) => e)) instanceof Error), refusedApp);
  // Friends again (REST, forced), then alice deletes bob both ways: bob's list loses her.
  const bobGetsAliceBack = waitFor(bob.chat, TencentCloudChat.EVENT.FRIEND_LIST_UPDATED, (e) => e.data.some((f) => f.userID === 'alice'));
  await rest('sns', 'friend_add', { From_Account: 'alice', ForceAddFlags: 1, AddFriendItem: [{ To_Account: 'bob', AddSource: 'AddSource_Type_Rest' }] });
  check('a REST friend_add reaches the SDK (FRIEND_LIST_UPDATED)', !((await bobGetsAliceBack.catch((e) => e)) instanceof Error));
  await sleep(100);
  const bobLosesAlice = waitFor(bob.chat, TencentCloudChat.EVENT.FRIEND_LIST_UPDATED, (e) => !e.data.some((f) => f.userID === 'alice'));
  const deleted = await alice.chat.deleteFriend({ userIDList: ['bob'], type: TencentCloudChat.TYPES.SNS_DELETE_TYPE_BOTH }).catch((e) => e);
  check('deleteFriend (both) resolves', deleted && deleted.code === 0 && deleted.data.successUserIDList.some((r) => r.userID === 'bob'), deleted && (deleted.data || deleted));
  check("…and bob's list loses alice", !((await bobLosesAlice.catch((e) => e)) instanceof Error));

}

// 5d. What happens to messages after they are sent (issue #19): a read receipt, a read report, an edit, a
// delete from one's own history, a pin seen by another device, user status, and a ninth device kicking the
// first with exactly one KICKED_OUT. APIs a 2.x build lacks are skipped.
async function afterSending(appId, alice, bob, rest) {
  const E = TencentCloudChat.EVENT;
  const C2C = TencentCloudChat.TYPES.CONV_C2C;
  if (!alice.chat.sendMessageReadReceipt || !alice.chat.modifyMessage) {
    console.log('skip message changes: this SDK build has no read receipts or modifyMessage');
    return;
  }
  // A read receipt.
  const bobGets = waitFor(bob.chat, E.MESSAGE_RECEIVED, (e) => e.data.some((m) => m.payload.text === 'receipt please'));
  const asked = await alice.chat.sendMessage(alice.chat.createTextMessage({ to: 'bob', conversationType: C2C, payload: { text: 'receipt please' }, needReadReceipt: true })).catch((e) => e);
  const got = await bobGets.catch((e) => e);
  const received = got instanceof Error ? null : got.data.find((m) => m.payload.text === 'receipt please');
  check('a needReadReceipt message arrives with needReadReceipt true', received && received.needReadReceipt === true, received && received.needReadReceipt);
  const receiptSeen = waitFor(alice.chat, E.MESSAGE_READ_RECEIPT_RECEIVED, (e) => e.data.some((r) => r.messageID === asked.data.message.ID));
  const receipt = received ? await bob.chat.sendMessageReadReceipt([received]).catch((e) => e) : null;
  check('sendMessageReadReceipt resolves', receipt && receipt.code === 0, receipt && (receipt.code || receipt));
  check('…and alice gets MESSAGE_READ_RECEIPT_RECEIVED', !((await receiptSeen.catch((e) => e)) instanceof Error));
  const list = await alice.chat.getMessageReadReceiptList([asked.data.message]).catch((e) => e);
  check('getMessageReadReceiptList shows it read by the peer', list && list.data && list.data.messageList.some((m) => m.readReceiptInfo && m.readReceiptInfo.isPeerRead), list && (list.data || list));
  // A read report.
  await alice.chat.sendMessage(alice.chat.createTextMessage({ to: 'bob', conversationType: C2C, payload: { text: 'read me' } }));
  await sleep(200);
  const readByPeer = waitFor(alice.chat, E.MESSAGE_READ_BY_PEER);
  const bobRead = await bob.chat.setMessageRead({ conversationID: 'C2Calice' }).catch((e) => e);
  check('bob setMessageRead → MESSAGE_READ_BY_PEER on alice', bobRead && bobRead.code === 0 && !((await readByPeer.catch((e) => e)) instanceof Error));
  // An edit.
  const edited = waitFor(bob.chat, E.MESSAGE_MODIFIED, (e) => e.data.some((m) => m.payload && m.payload.text === 'receipt please (edited)'));
  const original = asked.data.message;
  original.payload.text = 'receipt please (edited)';
  const modified = await alice.chat.modifyMessage(original).catch((e) => e);
  check('modifyMessage resolves with the new text', modified && modified.code === 0 && modified.data.message.payload.text === 'receipt please (edited)', modified && (modified.code || modified));
  check('…and bob gets MESSAGE_MODIFIED', !((await edited.catch((e) => e)) instanceof Error));
  // A delete from bob's history only.
  const bobsCopy = (await bob.chat.getMessageList({ conversationID: 'C2Calice' })).data.messageList.find((m) => m.payload && m.payload.text === 'read me');
  const removed = bobsCopy ? await bob.chat.deleteMessage([bobsCopy]).catch((e) => e) : null;
  const texts = async (op, peer) => ((await rest('openim', 'admin_getroammsg', { Operator_Account: op, Peer_Account: peer, MaxCnt: 50, MinTime: 0, MaxTime: 4000000000 })).MsgList || []).map((m) => m.MsgBody[0].MsgContent.Text);
  check('deleteMessage resolves; gone from bob\'s history, kept in alice\'s', removed && removed.code === 0 && !(await texts('bob', 'alice')).includes('read me') && (await texts('alice', 'bob')).includes('read me'), removed && (removed.code || removed));
  // A pin seen by alice's other device.
  const aliceTab = await loggedIn(appId, 'alice');
  // (Its list is filled just after SDK_READY (§6.3); a pin of a conversation it does not list yet shows nothing.)
  for (let i = 0; i < 50 && !(await aliceTab.chat.getConversationList()).data.conversationList.some((c) => c.conversationID === 'C2Cbob'); i++) await sleep(100);
  const tabSeesPin = waitFor(aliceTab.chat, E.CONVERSATION_LIST_UPDATED, (e) => e.data.some((c) => c.conversationID === 'C2Cbob' && c.isPinned));
  await alice.chat.pinConversation({ conversationID: 'C2Cbob', isPinned: true }).catch(() => {});
  check("a pin reaches alice's other device", !((await tabSeesPin.catch((e) => e)) instanceof Error));
  await alice.chat.pinConversation({ conversationID: 'C2Cbob', isPinned: false }).catch(() => {});
  // Conversation groups: create with a conversation, list, rename, empty and delete; REST sees the same groups.
  if (alice.chat.createConversationGroup) {
    const made = await alice.chat.createConversationGroup({ groupName: 'work', conversationIDList: ['C2Cbob'] }).catch((e) => e);
    check('createConversationGroup puts C2Cbob in it', made && made.code === 0 && made.data.successConversationIDList.includes('C2Cbob'), made && (made.data || made));
    const groupsNow = await alice.chat.getConversationGroupList().catch((e) => e);
    check('getConversationGroupList has it', groupsNow && groupsNow.data && groupsNow.data.includes('work'), groupsNow && (groupsNow.data || groupsNow));
    const restGroups = await rest('recentcontact', 'get_contact_group', { From_Account: 'alice' });
    check('REST get_contact_group sees the group and its conversation', (restGroups.GroupItem || []).some((g) => g.GroupName === 'work') && (restGroups.ContactItem || []).some((c) => c.To_Account === 'bob'), restGroups);
    const renamed = await alice.chat.renameConversationGroup({ oldName: 'work', newName: 'job' }).catch((e) => e);
    // (It resolves with nothing.)
    check('renameConversationGroup resolves', !(renamed instanceof Error) && !(renamed && renamed.code), renamed && (renamed.code || renamed));
    const emptied = await alice.chat.deleteConversationsFromGroup({ groupName: 'job', conversationIDList: ['C2Cbob'] }).catch((e) => e);
    check('deleteConversationsFromGroup takes C2Cbob out', emptied && emptied.code === 0 && emptied.data.successConversationIDList.includes('C2Cbob'), emptied && (emptied.data || emptied));
    const dropped = await alice.chat.deleteConversationGroup('job').catch((e) => e);
    const left = await rest('recentcontact', 'get_contact_group', { From_Account: 'alice' });
    check('deleteConversationGroup resolves and the group is gone', !(dropped instanceof Error) && !(dropped && dropped.code) && (left.GroupItem || []).length === 0, dropped && (dropped.code || dropped));
  }
  // C2C receive options: set on one device, read back by the server.
  if (alice.chat.setMessageRemindType) {
    const T = TencentCloudChat.TYPES;
    const muted = await alice.chat.setMessageRemindType({ userIDList: ['bob'], messageRemindType: T.MSG_REMIND_ACPT_NOT_NOTE }).catch((e) => e);
    check('setMessageRemindType (C2C) resolves with bob in successUserIDList', muted && muted.code === 0 && muted.data.successUserIDList.some((u) => u.userID === 'bob'), muted && (muted.data || muted));
    const convo = (await alice.chat.getConversationList()).data.conversationList.find((c) => c.conversationID === 'C2Cbob');
    check('…and C2Cbob shows MSG_REMIND_ACPT_NOT_NOTE', !convo || convo.messageRemindType === T.MSG_REMIND_ACPT_NOT_NOTE, convo && convo.messageRemindType);
    await alice.chat.setMessageRemindType({ userIDList: ['bob'], messageRemindType: T.MSG_REMIND_ACPT_AND_NOTE }).catch(() => {});
  }
  await onTheOtherDevice(alice, aliceTab, bob);
  // User status.
  if (alice.chat.subscribeUserStatus) {
    const sub = await alice.chat.subscribeUserStatus({ userIDList: ['bob'] }).catch((e) => e);
    check('subscribeUserStatus resolves', sub && sub.code === 0, sub && (sub.code || sub));
    const busy = waitFor(alice.chat, E.USER_STATUS_UPDATED, (e) => e.data.some((u) => u.userID === 'bob' && u.customStatus === 'busy'));
    const set = await bob.chat.setSelfStatus({ customStatus: 'busy' }).catch((e) => e);
    check('setSelfStatus resolves, and the subscriber gets USER_STATUS_UPDATED', set && set.code === 0 && !((await busy.catch((e) => e)) instanceof Error), set && (set.code || set));
    const status = await alice.chat.getUserStatus({ userIDList: ['bob'] }).catch((e) => e);
    const bobStatus = status && status.data && status.data.successUserList.find((u) => u.userID === 'bob');
    check('getUserStatus: bob online and busy', bobStatus && bobStatus.statusType === TencentCloudChat.TYPES.USER_STATUS_ONLINE && bobStatus.customStatus === 'busy', status && (status.data || status));
    await alice.chat.unsubscribeUserStatus().catch(() => {});
  }
  // A ninth device of dan kicks his first with exactly one KICKED_OUT (multipleDevice).
  await rest('im_open_login_svc', 'account_import', { UserID: 'dan' });
  const dans = [];
  for (let i = 0; i < 8; i++) dans.push(await loggedIn(appId, 'dan'));
  const kicks = [];
  dans[0].chat.on(E.KICKED_OUT, (e) => kicks.push(e.data.type));
  const firstKick = waitFor(dans[0].chat, E.KICKED_OUT);
  dans.push(await loggedIn(appId, 'dan'));
  await firstKick.catch(() => {});
  await sleep(1000);  // a second KICKED_OUT (the old userSigExpired one) would come by now
  check('a ninth device kicks the first with one KICKED_OUT (multipleDevice)', kicks.length === 1 && kicks[0] === TencentCloudChat.TYPES.KICKED_OUT_MULT_DEVICE, kicks);
  for (const d of dans.slice(1)) await d.chat.logout().catch(() => {});
  await aliceTab.chat.logout().catch(() => {});
}

// 5e. Message extensions and reactions (issue #23 item 4): a message sent with isSupportExtension arrives with it;
// extensions alice sets reach bob (MESSAGE_EXTENSIONS_UPDATED, then MESSAGE_EXTENSIONS_DELETED) and his
// getMessageExtensions and REST get_key_values agree; bob's reaction reaches alice (MESSAGE_REACTIONS_UPDATED)
// and getMessageReactions and getAllUserListOfMessageReaction show it. What a build lacks is skipped (2.27.6 has
// extensions, not reactions).
async function extensionsAndReactions(alice, bob, rest) {
  const E = TencentCloudChat.EVENT;
  const C2C = TencentCloudChat.TYPES.CONV_C2C;
  if (!alice.chat.setMessageExtensions) {
    console.log('skip extensions and reactions: this SDK build has no setMessageExtensions');
    return;
  }
  const bobGets = waitFor(bob.chat, E.MESSAGE_RECEIVED, (e) => e.data.some((m) => m.payload.text === 'extend me'));
  const sent = await alice.chat.sendMessage(alice.chat.createTextMessage({ to: 'bob', conversationType: C2C, payload: { text: 'extend me' }, isSupportExtension: true })).catch((e) => e);
  check('a message with isSupportExtension is sent', sent && sent.code === 0 && sent.data.message.isSupportExtension === true, sent && (sent.code || sent));
  if (!sent || sent.code !== 0) return;
  const message = sent.data.message;
  const got = await bobGets.catch((e) => e);
  const received = got instanceof Error ? null : got.data.find((m) => m.payload.text === 'extend me');
  check('bob receives it with isSupportExtension true', received && received.isSupportExtension === true, received && received.isSupportExtension);
  const updated = waitFor(bob.chat, E.MESSAGE_EXTENSIONS_UPDATED, (e) => e.data.messageID === message.ID && e.data.extensions.some((x) => x.key === 'vote' && x.value === 'yes'));
  const set = await alice.chat.setMessageExtensions(message, [{ key: 'vote', value: 'yes' }]).catch((e) => e);
  check('setMessageExtensions resolves', set && set.code === 0 && set.data.extensions.length === 1 && set.data.extensions[0].code === 0, set && (set.data || set));
  check('…and bob gets MESSAGE_EXTENSIONS_UPDATED', !((await updated.catch((e) => e)) instanceof Error));
  const read = received ? await bob.chat.getMessageExtensions(received).catch((e) => e) : null;
  check("bob's getMessageExtensions agrees", read && read.code === 0 && read.data.extensions.some((x) => x.key === 'vote' && x.value === 'yes'), read && (read.data || read));
  const restRead = await rest('openim_msg_ext_http_svc', 'get_key_values', { From_Account: 'alice', To_Account: 'bob', MsgKey: `${message.sequence}_${message.random}_${message.time}` });
  check('…and so does REST get_key_values', restRead.ErrorCode === 0 && restRead.ExtensionList.some((x) => x.Key === 'vote' && x.Value === 'yes'), restRead);
  const deleted = waitFor(bob.chat, E.MESSAGE_EXTENSIONS_DELETED, (e) => e.data.messageID === message.ID && e.data.keyList.includes('vote'));
  const del = await alice.chat.deleteMessageExtensions(message, ['vote']).catch((e) => e);
  check('deleteMessageExtensions resolves; bob gets MESSAGE_EXTENSIONS_DELETED', del && del.code === 0 && !((await deleted.catch((e) => e)) instanceof Error), del && (del.data || del));
  // Reactions (3.x; tim-js-sdk 2.27.6 has extensions only).
  if (!alice.chat.addMessageReaction || !E.MESSAGE_REACTIONS_UPDATED) {
    console.log('skip reactions: this SDK build has no addMessageReaction');
    return;
  }
  const reacted = waitFor(alice.chat, E.MESSAGE_REACTIONS_UPDATED, (e) => e.data.messageID === message.ID && e.data.reactionList.some((r) => r.reactionID === 'like' && r.totalUserCount === 1));
  const add = received ? await bob.chat.addMessageReaction(received, 'like').catch((e) => e) : null;
  check('addMessageReaction resolves', add && add.code === 0, add && (add.code || add));
  check('…and alice gets MESSAGE_REACTIONS_UPDATED', !((await reacted.catch((e) => e)) instanceof Error));
  const summary = await alice.chat.getMessageReactions({ messageList: [message], maxUserCountPerReaction: 5 }).catch((e) => e);
  const likes = summary && summary.data && summary.data.resultList[0] ? summary.data.resultList[0].reactionList.find((r) => r.reactionID === 'like') : null;
  check("getMessageReactions shows bob's like", likes && likes.totalUserCount === 1 && likes.partialUserList.some((u) => u.userID === 'bob'), summary && (summary.data || summary));
  const users = await alice.chat.getAllUserListOfMessageReaction({ message, reactionID: 'like' }).catch((e) => e);
  check('getAllUserListOfMessageReaction lists bob', users && users.code === 0 && users.data.isCompleted && users.data.userList.some((u) => u.userID === 'bob'), users && (users.data || users));
  const unreacted = waitFor(alice.chat, E.MESSAGE_REACTIONS_UPDATED, (e) => e.data.messageID === message.ID && e.data.reactionList.some((r) => r.reactionID === 'like' && r.totalUserCount === 0));
  const removed = received ? await bob.chat.removeMessageReaction(received, 'like').catch((e) => e) : null;
  check('removeMessageReaction resolves; alice sees the count fall to 0', removed && removed.code === 0 && !((await unreacted.catch((e) => e)) instanceof Error), removed && (removed.code || removed));
}

// 3e. What alice changes about her own conversations on one device shows on her other one at once (issue #19): a
// receive option (and what Discard does: bob's messages stop arriving, history keeps them), a mark, and
// conversation groups (created, renamed, a conversation added and removed, deleted).
async function onTheOtherDevice(alice, aliceTab, bob) {
  const E = TencentCloudChat.EVENT;
  const T = TencentCloudChat.TYPES;
  const convOf = (e, id) => e.data.find((c) => c.conversationID === id);
  if (alice.chat.setMessageRemindType) {
    const tabSeesDiscard = waitFor(aliceTab.chat, E.CONVERSATION_LIST_UPDATED, (e) => (convOf(e, 'C2Cbob') || {}).messageRemindType === T.MSG_REMIND_DISCARD);
    const discarded = await alice.chat.setMessageRemindType({ userIDList: ['bob'], messageRemindType: T.MSG_REMIND_DISCARD }).catch((e) => e);
    check("a receive option set on one device reaches alice's other (MSG_REMIND_DISCARD)", discarded && discarded.code === 0 && !((await tabSeesDiscard.catch((e) => e)) instanceof Error), discarded && (discarded.code || discarded));
    const heard = waitFor(alice.chat, E.MESSAGE_RECEIVED, (e) => e.data.some((m) => m.payload && m.payload.text === 'you will not see this'), 1500);
    await bob.chat.sendMessage(bob.chat.createTextMessage({ to: 'alice', conversationType: T.CONV_C2C, payload: { text: 'you will not see this' } })).catch(() => {});
    check('Discard: a message from bob does not reach alice (no MESSAGE_RECEIVED)', (await heard.catch((e) => e)) instanceof Error);
    const kept = await aliceTab.chat.getMessageList({ conversationID: 'C2Cbob' }).catch((e) => e);
    check('…but it is in her history (getMessageList)', kept && kept.data && kept.data.messageList.some((m) => m.payload && m.payload.text === 'you will not see this'), kept && (kept.code || kept));
    const tabSeesNormal = waitFor(aliceTab.chat, E.CONVERSATION_LIST_UPDATED, (e) => (convOf(e, 'C2Cbob') || {}).messageRemindType === T.MSG_REMIND_ACPT_AND_NOTE);
    await alice.chat.setMessageRemindType({ userIDList: ['bob'], messageRemindType: T.MSG_REMIND_ACPT_AND_NOTE }).catch(() => {});
    check('…and back to MSG_REMIND_ACPT_AND_NOTE on the other device', !((await tabSeesNormal.catch((e) => e)) instanceof Error));
  }
  if (alice.chat.markConversation) {
    // (C2Cbob is starred since the scenario's first steps: off, then on again, as it was.)
    const hasStar = (e) => ((convOf(e, 'C2Cbob') || {}).markList || []).includes(T.CONV_MARK_TYPE_STAR);
    const tabSeesNoStar = waitFor(aliceTab.chat, E.CONVERSATION_LIST_UPDATED, (e) => convOf(e, 'C2Cbob') && !hasStar(e));
    const unmarked = await alice.chat.markConversation({ conversationIDList: ['C2Cbob'], markType: T.CONV_MARK_TYPE_STAR, enableMark: false }).catch((e) => e);
    check("markConversation (star off) reaches alice's other device", unmarked && unmarked.code === 0 && !((await tabSeesNoStar.catch((e) => e)) instanceof Error), unmarked && (unmarked.code || unmarked));
    const tabSeesStar = waitFor(aliceTab.chat, E.CONVERSATION_LIST_UPDATED, hasStar);
    const marked = await alice.chat.markConversation({ conversationIDList: ['C2Cbob'], markType: T.CONV_MARK_TYPE_STAR, enableMark: true }).catch((e) => e);
    check('…and star on again: its markList has the star', marked && marked.code === 0 && !((await tabSeesStar.catch((e) => e)) instanceof Error), marked && (marked.code || marked));
  }
  if (alice.chat.createConversationGroup) {
    const created = waitFor(aliceTab.chat, E.CONVERSATION_GROUP_LIST_UPDATED, (e) => e.data.includes('home'));
    await alice.chat.createConversationGroup({ groupName: 'home', conversationIDList: ['C2Cbob'] }).catch(() => {});
    check("a conversation group created on one device: CONVERSATION_GROUP_LIST_UPDATED on the other", !((await created.catch((e) => e)) instanceof Error));
    const renamed = waitFor(aliceTab.chat, E.CONVERSATION_GROUP_LIST_UPDATED, (e) => e.data.includes('family') && !e.data.includes('home'));
    await alice.chat.renameConversationGroup({ oldName: 'home', newName: 'family' }).catch(() => {});
    check('…renamed: the other device lists the new name', !((await renamed.catch((e) => e)) instanceof Error));
    const taken = waitFor(aliceTab.chat, E.CONVERSATION_IN_GROUP_UPDATED, (e) => e.data.groupName === 'family' && !e.data.conversationList.some((c) => c.conversationID === 'C2Cbob'));
    await alice.chat.deleteConversationsFromGroup({ groupName: 'family', conversationIDList: ['C2Cbob'] }).catch(() => {});
    check('…a conversation taken out: CONVERSATION_IN_GROUP_UPDATED on the other device', !((await taken.catch((e) => e)) instanceof Error));
    const added = waitFor(aliceTab.chat, E.CONVERSATION_IN_GROUP_UPDATED, (e) => e.data.groupName === 'family' && e.data.conversationList.some((c) => c.conversationID === 'C2Cbob'));
    await alice.chat.addConversationsToGroup({ groupName: 'family', conversationIDList: ['C2Cbob'] }).catch(() => {});
    check('…and put back: CONVERSATION_IN_GROUP_UPDATED lists it', !((await added.catch((e) => e)) instanceof Error));
    const dropped = waitFor(aliceTab.chat, E.CONVERSATION_GROUP_LIST_UPDATED, (e) => !e.data.includes('family'));
    await alice.chat.deleteConversationGroup('family').catch(() => {});
    check('…deleted: the other device lists it no more', !((await dropped.catch((e) => e)) instanceof Error));
  }
}

// 6. A live room in long-poll mode (modern-sdk-groups.md §5.4): an app of its own with the option
// chatsdk_avchatroom_delivery "long_poll"; dave makes an AVChatRoom, both join (the join answers a
// LongPollingKey), and erin receives dave's message and a REST one through get_msg polls, each once.
async function liveRoomLongPoll() {
  const app = await http('POST', '/mock/apps', { options: { chatsdk_avchatroom_delivery: 'long_poll' } });
  const appId = app.sdkappid;
  const adminSig = await usersig(appId, app.admin);
  const rest = (service, command, body) =>
    http('POST', `/v4/${service}/${command}?sdkappid=${appId}&identifier=${app.admin}&usersig=${encodeURIComponent(adminSig)}&random=1&contenttype=json`, body);
  await rest('im_open_login_svc', 'multiaccount_import', { Accounts: ['dave', 'erin'] });
  const T = TencentCloudChat.TYPES;
  const dave = await loggedIn(appId, 'dave');
  const erin = await loggedIn(appId, 'erin');
  const made = await dave.chat.createGroup({ type: T.GRP_AVCHATROOM, name: 'live1' }).catch((e) => e);
  const rid = made && made.data ? made.data.group.groupID : '';
  check('live room: createGroup (AVChatRoom) resolves', !!rid, made && (made.code || made));
  const daveJoin = await dave.chat.joinGroup({ groupID: rid, type: T.GRP_AVCHATROOM }).catch((e) => e);
  const erinJoin = await erin.chat.joinGroup({ groupID: rid, type: T.GRP_AVCHATROOM }).catch((e) => e);
  check('live room: the owner and erin join it', daveJoin && daveJoin.code === 0 && erinJoin && erinJoin.code === 0,
    [daveJoin && (daveJoin.code || daveJoin), erinJoin && (erinJoin.code || erinJoin)]);
  const joins = await http('GET', `/mock/apps/${appId}/journal?service=group_open_http_svc&command=apply_join_group&identifier=erin`);
  const joinReply = ((joins.entries || [])[0] || {}).reply || {};
  check('live room: the join answered a LongPollingKey', typeof joinReply.LongPollingKey === 'string' && joinReply.LongPollingKey !== '', joinReply);
  const received = [];
  erin.chat.on(TencentCloudChat.EVENT.MESSAGE_RECEIVED, (e) => {
    for (const m of e.data) if (m.conversationID === `GROUP${rid}` && m.payload && m.payload.text) received.push(m.payload.text);
  });
  const erinHears = (text) => waitFor(erin.chat, TencentCloudChat.EVENT.MESSAGE_RECEIVED, (e) => e.data.some((m) => m.payload && m.payload.text === text), 8000);
  const heard = erinHears('on air');
  const sent = await dave.chat.sendMessage(dave.chat.createTextMessage({ to: rid, conversationType: T.CONV_GROUP, payload: { text: 'on air' } })).catch((e) => e);
  check('live room: dave sends to the room', sent && sent.code === 0, sent && (sent.code || sent));
  const got = await heard.catch((e) => e);
  check('live room: erin receives it by long poll', !(got instanceof Error), String(got));
  if (!(got instanceof Error) && sent && sent.data) {
    const m = got.data.find((x) => x.payload && x.payload.text === 'on air');
    check('live room: …with the ID the sender has', m && m.ID === sent.data.message.ID, [m && m.ID, sent.data.message.ID]);
  }
  const heardRest = erinHears('from the studio');
  await rest('group_open_http_svc', 'send_group_msg', { GroupId: rid, From_Account: 'dave', Random: 4242, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'from the studio' } }] });
  check('live room: a REST send_group_msg reaches erin too', !((await heardRest.catch((e) => e)) instanceof Error));
  await sleep(1500);  // a duplicate (a push beside the poll, or a poll repeated) would come by now
  check('live room: MESSAGE_RECEIVED fired once per message', JSON.stringify(received) === JSON.stringify(['on air', 'from the studio']), received);
  const polls = await http('GET', `/mock/apps/${appId}/journal?service=group_open_long_polling_http_svc&command=get_msg&identifier=erin`);
  check('live room: erin polled get_msg', (polls.entries || []).length >= 2, (polls.entries || []).length);
  const quit = await erin.chat.quitGroup(rid).catch((e) => e);
  check('live room: erin quits', quit && quit.code === 0, quit && (quit.code || quit));
  await dave.chat.logout().catch(() => {});
  await erin.chat.logout().catch(() => {});
}

async function main() {
  const app = await http('POST', '/mock/apps', {});
  const appId = app.sdkappid;
  const adminSig = await usersig(appId, app.admin);
  const rest = (service, command, body) =>
    http('POST', `/v4/${service}/${command}?sdkappid=${appId}&identifier=${app.admin}&usersig=${encodeURIComponent(adminSig)}&random=1&contenttype=json`, body);
  await rest('im_open_login_svc', 'multiaccount_import', { Accounts: ['alice', 'bob'] });
  await rest('profile', 'portrait_set', { From_Account: 'bob', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: '小鲍' }] });
  // History before anyone logs in: bob wrote to alice twice, unread.
  // (MsgSeq orders messages of the same second, rest-api.md §6.2.)
  for (const [seq, text] of [[1, '早上好'], [2, 'are you there?']])
    await rest('openim', 'sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgSeq: seq, MsgRandom: Math.floor(Math.random() * 1e9), MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }] });

  // 1. Login and the conversation list.
  const alice = await loggedIn(appId, 'alice');
  check('alice logs in (SDK_READY)', alice.login.code === 0, alice.login);
  let list = (await alice.chat.getConversationList()).data.conversationList;
  // 3.6.6 fills the list and then the unread counts (from getmsg) just after SDK_READY (§6.3): wait for both.
  const settled = (l) => l.find((c) => c.conversationID === 'C2Cbob' && c.unreadCount === 2);
  for (let i = 0; i < 30 && !settled(list); i++) {
    await sleep(100);
    list = (await alice.chat.getConversationList()).data.conversationList;
  }
  const convo = list.find((c) => c.conversationID === 'C2Cbob');
  check('conversation list shows C2Cbob', !!convo, list.map((c) => c.conversationID));
  check('its last message is the newest', convo && convo.lastMessage && convo.lastMessage.payload && convo.lastMessage.payload.text === 'are you there?', convo && convo.lastMessage);
  check('its unread count is 2', convo && convo.unreadCount === 2, convo && convo.unreadCount);
  check("bob's nick shows", convo && convo.userProfile && convo.userProfile.nick === '小鲍', convo && convo.userProfile);

  // 2. History, oldest first.
  const history = await alice.chat.getMessageList({ conversationID: 'C2Cbob' });
  const texts = history.data.messageList.map((m) => m.payload.text);
  check('history is the two messages, oldest first', JSON.stringify(texts) === JSON.stringify(['早上好', 'are you there?']), texts);
  check('history is complete', history.data.isCompleted === true, history.data.isCompleted);
  check('message IDs start with the sender TinyID', history.data.messageList.every((m) => /^\d+-\d+-\d+$/.test(m.ID)), history.data.messageList.map((m) => m.ID));

  // 3. Chat both ways, live.
  const bob = await loggedIn(appId, 'bob');
  const bobHears = waitFor(bob.chat, TencentCloudChat.EVENT.MESSAGE_RECEIVED, (e) => e.data.some((m) => m.payload.text === 'hi bob'));
  const sent = await alice.chat.sendMessage(alice.chat.createTextMessage({ to: 'bob', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: 'hi bob' } }));
  check('alice sends (sendMessage resolves)', sent.code === 0, sent);
  const heard = await bobHears.catch((e) => e);
  check('bob receives it live (MESSAGE_RECEIVED)', !(heard instanceof Error), String(heard));
  if (!(heard instanceof Error)) {
    const m = heard.data.find((x) => x.payload.text === 'hi bob');
    check('the pushed message has the same ID as the sent one', m.ID === sent.data.message.ID, [m.ID, sent.data.message.ID]);
    check('the pushed message is from alice', m.from === 'alice' && m.to === 'bob', [m.from, m.to]);
  }
  const aliceHears = waitFor(alice.chat, TencentCloudChat.EVENT.MESSAGE_RECEIVED, (e) => e.data.some((m) => m.payload.text === 'hello alice'));
  await bob.chat.sendMessage(bob.chat.createTextMessage({ to: 'alice', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: 'hello alice' } }));
  check('alice receives bob\'s reply live', !((await aliceHears.catch((e) => e)) instanceof Error));

  // 3b. Recalls: the SDK's revokeMessage, and REST admin_msgwithdraw, both reach the other side live.
  const oops = await alice.chat.sendMessage(alice.chat.createTextMessage({ to: 'bob', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: 'oops' } }));
  await sleep(100);
  const bobSeesRevoke = waitFor(bob.chat, TencentCloudChat.EVENT.MESSAGE_REVOKED, (e) => e.data.some((m) => m.ID === oops.data.message.ID));
  const revoked = await alice.chat.revokeMessage(oops.data.message).catch((e) => e);
  check('revokeMessage resolves', revoked && revoked.code === 0, revoked && (revoked.code || revoked));
  check('bob gets MESSAGE_REVOKED for it', !((await bobSeesRevoke.catch((e) => e)) instanceof Error));
  const restMsg = await rest('openim', 'sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: 777, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'to be withdrawn' } }] });
  await sleep(200);
  const aliceSeesRevoke = waitFor(alice.chat, TencentCloudChat.EVENT.MESSAGE_REVOKED);
  const withdrawn = await rest('openim', 'admin_msgwithdraw', { From_Account: 'bob', To_Account: 'alice', MsgKey: restMsg.MsgKey });
  const ar = await aliceSeesRevoke.catch((e) => e);
  check('REST admin_msgwithdraw → MESSAGE_REVOKED on the SDK', withdrawn.ErrorCode === 0 && !(ar instanceof Error) && ar.data.some((m) => m.payload && m.payload.text === 'to be withdrawn'), withdrawn);

  await friends(alice, bob, rest);

  // 4. A REST send reaches the client live (within 50 ms of the REST reply, DESIGN's one world).
  const restHeard = waitFor(alice.chat, TencentCloudChat.EVENT.MESSAGE_RECEIVED, (e) => e.data.some((m) => m.payload.text === 'from REST'));
  const restSentAt = Date.now();
  const restReply = await rest('openim', 'sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: 4242, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'from REST' } }] });
  const restRepliedAt = Date.now();
  const r = await restHeard.catch((e) => e);
  const lag = Date.now() - restRepliedAt;
  check('REST openim/sendmsg reaches MESSAGE_RECEIVED', restReply.ErrorCode === 0 && !(r instanceof Error), restReply);
  // Live, not polled: the target is 50 ms (measured: a few ms); the bound here leaves room for a loaded
  // CI machine, and the figure is printed.
  check(`…live: ${lag} ms after the REST reply (${Date.now() - restSentAt} ms after the request)`, lag <= 500, lag);

  // 5. Read marks and a conversation mark.
  const read = await alice.chat.setMessageRead({ conversationID: 'C2Cbob' });
  check('setMessageRead resolves', read.code === 0, read);
  const unread = await rest('openim', 'get_c2c_unread_msg_num', { To_Account: 'alice' });
  check('REST sees alice has no unread left', unread.ErrorCode === 0 && unread.AllC2CUnreadMsgNum === 0, unread);
  const mark = await alice.chat.markConversation({ conversationIDList: ['C2Cbob'], markType: TencentCloudChat.TYPES.CONV_MARK_TYPE_STAR, enableMark: true });
  check('markConversation (STAR) resolves', mark.code === 0, mark);
  const roam = await rest('openim', 'admin_getroammsg', { Operator_Account: 'alice', Peer_Account: 'bob', MaxCnt: 20, MinTime: 0, MaxTime: 2000000000 });
  const roamTexts = (roam.MsgList || []).map((m) => m.MsgBody[0].MsgContent.Text);
  check('REST admin_getroammsg holds the SDK-sent messages', roamTexts.includes('hi bob') && roamTexts.includes('hello alice'), roamTexts);

  // 5b. Groups (modern-sdk-groups.md): alice makes a Work group with bob and carol, all three chat in it, carol
  //     pages its history and reads it, bob quits (alice sees the tip), and a Public group is dismissed
  //     (carol gets the notice).
  await rest('im_open_login_svc', 'account_import', { UserID: 'carol' });
  const carol = await loggedIn(appId, 'carol');
  const T = TencentCloudChat.TYPES;
  const made = await alice.chat.createGroup({ type: T.GRP_WORK, name: 'work1', memberList: [{ userID: 'bob' }, { userID: 'carol' }] }).catch((e) => e);
  check('createGroup (Work, two members) resolves', made && made.code === 0, made && (made.code || made));
  const gid = made && made.data ? made.data.group.groupID : '';
  const hasGroup = async (who) => {
    for (let i = 0; i < 30; i++) {
      if ((await who.chat.getGroupList()).data.groupList.some((g) => g.groupID === gid)) return true;
      await sleep(100);
    }
    return false;
  };
  check("the group is in alice's getGroupList", await hasGroup(alice));
  check("…and in bob's and carol's, pushed to them", (await hasGroup(bob)) && (await hasGroup(carol)));
  const groupText = (text) => (e) => e.data.some((m) => m.conversationID === `GROUP${gid}` && m.payload && m.payload.text === text);
  const bobHearsGroup = waitFor(bob.chat, TencentCloudChat.EVENT.MESSAGE_RECEIVED, groupText('hello group'));
  const carolHearsGroup = waitFor(carol.chat, TencentCloudChat.EVENT.MESSAGE_RECEIVED, groupText('hello group'));
  const gsent = await alice.chat.sendMessage(alice.chat.createTextMessage({ to: gid, conversationType: T.CONV_GROUP, payload: { text: 'hello group' } })).catch((e) => e);
  check('alice sends to the group', gsent && gsent.code === 0 && gsent.data.message.sequence > 0, gsent && (gsent.code || gsent));
  const [bh, ch] = [await bobHearsGroup.catch((e) => e), await carolHearsGroup.catch((e) => e)];
  check('bob and carol receive it live', !(bh instanceof Error) && !(ch instanceof Error), [String(bh), String(ch)]);
  if (!(ch instanceof Error) && gsent && gsent.data) {
    const m = ch.data.find((x) => x.payload.text === 'hello group');
    check('…with the ID the sender has', m.ID === gsent.data.message.ID, [m.ID, gsent.data.message.ID]);
  }
  await bob.chat.sendMessage(bob.chat.createTextMessage({ to: gid, conversationType: T.CONV_GROUP, payload: { text: 'hi all' } }));
  await sleep(200);
  let carolConv = null;
  for (let i = 0; i < 30 && !(carolConv && carolConv.unreadCount >= 2); i++) {
    carolConv = (await carol.chat.getConversationList()).data.conversationList.find((c) => c.conversationID === `GROUP${gid}`);
    if (!(carolConv && carolConv.unreadCount >= 2)) await sleep(100);
  }
  check("carol's conversation list shows the group with unread messages", carolConv && carolConv.unreadCount >= 2, carolConv && carolConv.unreadCount);
  const carolPhone = await loggedIn(appId, 'carol');  // a fresh device pages the history from the server
  const gh = await carolPhone.chat.getMessageList({ conversationID: `GROUP${gid}` }).catch((e) => e);
  const ghTexts = gh && gh.data ? gh.data.messageList.map((m) => m.payload && m.payload.text).filter(Boolean) : [];
  check('a new device pages the group history, oldest first', JSON.stringify(ghTexts) === JSON.stringify(['hello group', 'hi all']), ghTexts);
  const gread = await carol.chat.setMessageRead({ conversationID: `GROUP${gid}` }).catch((e) => e);
  const joined = await rest('group_open_http_svc', 'get_joined_group_list', { Member_Account: 'carol', WithNoActiveGroups: 1, ResponseFilter: { SelfInfoFilter: ['UnreadMsgNum'] } });
  const mine = (joined.GroupIdList || []).find((g) => g.GroupId === gid);
  check('setMessageRead on the group: REST sees no unread left', gread && gread.code === 0 && mine && mine.SelfInfo.UnreadMsgNum === 0, [gread && gread.code, mine]);
  const aliceSeesQuit = waitFor(alice.chat, TencentCloudChat.EVENT.MESSAGE_RECEIVED, (e) => e.data.some((m) => m.type === T.MSG_GRP_TIP && m.payload.operationType === 2));
  const quit = await bob.chat.quitGroup(gid).catch((e) => e);
  check('bob quits the group', quit && quit.code === 0, quit && (quit.code || quit));
  check('…and alice gets the quit tip', !((await aliceSeesQuit.catch((e) => e)) instanceof Error));
  const ownerQuit = await alice.chat.quitGroup(gid).catch((e) => e);
  check('the owner may not quit (10009)', ownerQuit && ownerQuit.code === 10009, ownerQuit && ownerQuit.code);
  const pub = await alice.chat.createGroup({ type: T.GRP_PUBLIC, name: 'pub1', memberList: [{ userID: 'carol' }] }).catch((e) => e);
  const pubId = pub && pub.data ? pub.data.group.groupID : '';
  check('a Public group is created', !!pubId, pub && (pub.code || pub));
  await hasGroup(carol);
  const carolSeesDismiss = waitFor(carol.chat, TencentCloudChat.EVENT.MESSAGE_RECEIVED, (e) => e.data.some((m) => m.type === T.MSG_GRP_SYS_NOTICE && m.payload.operationType === 5));
  const dismissed = await alice.chat.dismissGroup(pubId).catch((e) => e);
  check('alice dismisses it', dismissed && dismissed.code === 0, dismissed && (dismissed.code || dismissed));
  check('…and carol gets the dismiss notice', !((await carolSeesDismiss.catch((e) => e)) instanceof Error));
  await carolPhone.chat.logout().catch(() => {});
  await carol.chat.logout().catch(() => {});

  // 5c. Conversation actions: pin (REST's list sees it), read everything, delete a conversation.
  const restList = () => rest('recentcontact', 'get_list', { From_Account: 'alice', TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 1 });
  const pinned = await alice.chat.pinConversation({ conversationID: 'C2Cbob', isPinned: true }).catch((e) => e);
  check('pinConversation resolves', pinned && pinned.code === 0, pinned && (pinned.code || pinned));
  const afterPin = await restList();
  check('…and REST get_list lists it first, pinned', afterPin.SessionItem && afterPin.SessionItem[0].To_Account === 'bob' && afterPin.SessionItem[0].TopFlag === 1, afterPin.SessionItem);
  await alice.chat.pinConversation({ conversationID: 'C2Cbob', isPinned: false }).catch(() => {});
  await rest('openim', 'sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: 5151, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'unread again' } }] });
  await sleep(200);
  const readAll = await alice.chat.setAllMessageRead().catch((e) => e);
  const left = await rest('openim', 'get_c2c_unread_msg_num', { To_Account: 'alice' });
  check('setAllMessageRead: REST sees no unread left', readAll && readAll.code === 0 && left.AllC2CUnreadMsgNum === 0, [readAll && (readAll.code || readAll), left.AllC2CUnreadMsgNum]);
  await rest('im_open_login_svc', 'account_import', { UserID: 'dan' });
  await rest('openim', 'sendmsg', { From_Account: 'dan', To_Account: 'alice', MsgRandom: 6161, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello from dan' } }] });
  await sleep(300);
  const deleted = await alice.chat.deleteConversation('C2Cdan').catch((e) => e);
  const afterDelete = await restList();
  check('deleteConversation: REST get_list no longer lists it', deleted && deleted.code === 0 && !(afterDelete.SessionItem || []).some((c) => c.To_Account === 'dan'), [deleted && (deleted.code || deleted), afterDelete.SessionItem]);

  await afterSending(appId, alice, bob, rest);
  await extensionsAndReactions(alice, bob, rest);

  // 6. A fault rule on the servcmd: sendMessage rejects with 20003 on demand.
  await http('POST', `/mock/apps/${appId}/faults`, { match: { service: 'openim', command: 'sendmsg', identifier: 'alice' }, error_code: 20003, times: 1 });
  const faulted = await alice.chat.sendMessage(alice.chat.createTextMessage({ to: 'bob', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: 'fails' } })).catch((e) => e);
  check('a fault rule makes sendMessage reject with 20003', faulted && faulted.code === 20003, faulted && faulted.code);

  // 7. Logout.
  const out = await alice.chat.logout();
  check('logout resolves', out.code === 0, out);
  // A REST kick reaches bob's SDK as KICKED_OUT.
  const kicked = waitFor(bob.chat, TencentCloudChat.EVENT.KICKED_OUT);
  const bobKicks = [];
  bob.chat.on(TencentCloudChat.EVENT.KICKED_OUT, (e) => bobKicks.push(e.data.type));
  const kick = await rest('im_open_login_svc', 'kick', { UserID: 'bob' });
  const k = await kicked.catch((e) => e);
  check('REST kick → KICKED_OUT (REST_API_Kick) on the SDK', kick.ErrorCode === 0 && k && k.data && k.data.type === TencentCloudChat.TYPES.KICKED_OUT_REST_API, k && k.data);
  await sleep(1000);
  check('…exactly once', bobKicks.length === 1, bobKicks);
  // (destroy() after logout rejects 2024 "not logged in" on the client side; it still closes the socket.)
  await alice.chat.destroy().catch(() => {});

  // 8. A login lasts as long as its UserSig: past its expiry the next request gets 70001, which the SDK
  //    reports as KICKED_OUT userSigExpired.
  await http('PUT', '/mock/clock', { offset_s: 0 });
  const carolChat = freshSdk().create({ SDKAppID: appId, proxyServer });
  carolChat.setLogLevel(4);
  const carolReady = waitFor(carolChat, TencentCloudChat.EVENT.SDK_READY);
  await carolChat.login({ userID: 'carol', userSig: await usersig(appId, 'carol', 60) });
  await carolReady;
  await sleep(1000);  // the post-login sync requests finish first
  const expiredKick = waitFor(carolChat, TencentCloudChat.EVENT.KICKED_OUT);
  await http('PUT', '/mock/clock', { offset_s: 120 });
  const late = await carolChat.sendMessage(carolChat.createTextMessage({ to: 'alice', conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: 'too late' } })).catch((e) => e);
  check('a request after the sig expired fails 70001', late && late.code === 70001, late && late.code);
  const ek = await expiredKick.catch((e) => e);
  check('…and the SDK reports KICKED_OUT userSigExpired', ek && ek.data && ek.data.type === TencentCloudChat.TYPES.KICKED_OUT_USERSIG_EXPIRED, ek && ek.data);

  // 9. An expired sig at login: login rejects with 70001.
  const expired = freshSdk().create({ SDKAppID: appId, proxyServer });
  expired.setLogLevel(4);
  await http('PUT', '/mock/clock', { offset_s: 0 });
  const stale = await usersig(appId, 'alice', 1);
  await http('PUT', '/mock/clock', { offset_s: 10 });
  const refused = await expired.login({ userID: 'alice', userSig: stale }).catch((e) => e);
  check('an expired UserSig is refused with 70001', refused && refused.code === 70001, refused && refused.code);
  await http('PUT', '/mock/clock', { offset_s: 0 });
  // (Not destroyed: the SDK is reconnecting after the refusal, and ws throws when a connecting socket is
  // closed; the process exits at the end anyway.)

  // The journal has the WebSocket commands under their service/command.
  const journal = await http('GET', `/mock/apps/${appId}/journal?service=im_open_status&command=wslogin`);
  check('the journal records wslogin', (journal.entries || []).length >= 2, journal);
  check('the SDK made no HTTP request', httpAttempts.length === 0, httpAttempts);
  // No command loops (§13: a missing end-of-list marker makes the SDK ask thousands of times a second): over
  // the whole scenario no user sent any servcmd more than a handful of times. The SDK's own telemetry
  // (imopenstat.tim_web_report_v2) is left out: it goes on a timer and after events, so it grows with the
  // scenario's length and the machine's load (35 on a loaded CI run), not with a reply that makes it ask again.
  const all = await http('GET', `/mock/apps/${appId}/journal?limit=10000`);
  const counts = {};
  for (const e of all.entries || []) if (e.surface === 'chatsdk' && !(e.service === 'imopenstat' && e.command === 'tim_web_report_v2')) {
    const key = `${e.identifier} ${e.service}.${e.command}`;
    counts[key] = (counts[key] || 0) + 1;
  }
  const busiest = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] || ['', 0];
  check(`no servcmd loops (busiest: ${busiest[0]} ×${busiest[1]})`, busiest[1] <= 30, counts);

  await liveRoomLongPoll();
}

globalThis.realFetch = require('node:http') && (async (url, init) => {
  // A small fetch on node:http, since the SDK's fetch is stubbed out above.
  const { request } = require('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ json: async () => JSON.parse(data) }));
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
});

main()
  .catch((e) => {
    failed++;
    console.log(`FAIL the scenario threw: ${e && e.stack ? e.stack : e}`);
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  });
