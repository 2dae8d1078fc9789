// Driven by callbacks_express.test.sh: an Express receiver (npm express@4) for timock's third-party callbacks,
// checking SdkAppid and Sign as a Node back end would; the client side is Node's built-in node:http.
'use strict';
const crypto = require('node:crypto');
const http = require('node:http');
const express = require('express');

const base = `http://127.0.0.1:${Number(process.env.PORT)}`;
let passed = 0;
let failed = 0;
function check(label, ok, detail) {
  if (ok) {
    passed++;
    console.log(`PASS ${label}`);
  } else {
    failed++;
    console.log(`FAIL ${label}${detail === undefined ? '' : ': ' + detail}`);
  }
  return ok;
}
const now = () => process.hrtime.bigint();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// node:http rather than fetch: its 'response' event fires as the reply's head is parsed, in the same turn the
// socket is read, so "the sender has its answer" is timed without fetch's extra promise hops.
function call(method, path, body) {
  const sentAt = now();
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(base + path, {
      method,
      headers: text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
    }, (res) => {
      const at = now();  // the reply's head is in: the sender has its answer
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(data); } catch (_) { /* left null */ }
        resolve({ status: res.statusCode, text: data, json, at, sentAt });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}
const show = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? undefined : v));

// ---- the receiver: what an app's Node back end does with timock's callbacks ----
const received = [];
let receiverToken = '';
let sdkappid = '';
function verify(req) {
  const q = req.query;
  if (q.SdkAppid !== sdkappid) return `SdkAppid ${q.SdkAppid} is not ${sdkappid}`;
  if (typeof q.RequestTime !== 'string' || !/^\d+$/.test(q.RequestTime)) return 'RequestTime missing';
  if (Math.abs(Date.now() / 1000 - Number(q.RequestTime)) > 300) return `RequestTime ${q.RequestTime} is stale`;
  const sign = crypto.createHash('sha256').update(receiverToken + q.RequestTime).digest('hex');
  if (q.Sign !== sign) return `Sign ${q.Sign} is not ${sign}`;
  if (!req.body || req.body.CallbackCommand !== q.CallbackCommand) return 'body CallbackCommand differs from the query';
  return null;
}
const textOf = (msgBody) =>
  (Array.isArray(msgBody) ? msgBody : []).filter((e) => e.MsgType === 'TIMTextElem').map((e) => e.MsgContent.Text).join('');

// The MsgKeys whose sendmsg reply the client has, and the after-callbacks waiting for one.
const replied = new Map();  // MsgKey → time the reply's head was in
const waiting = [];
function markReplied(key, at) {
  replied.set(key, at);
  for (const w of waiting.splice(0)) (w.key === key ? w.resolve('reply') : waiting.push(w));
}
function untilReplied(key, ms) {
  if (replied.has(key)) return Promise.resolve('reply');
  return new Promise((resolve) => {
    const w = { key, resolve };
    waiting.push(w);
    setTimeout(() => { const i = waiting.indexOf(w); if (i >= 0) { waiting.splice(i, 1); resolve('timeout'); } }, ms);
  });
}

const receiver = express();
receiver.use(express.json());
receiver.post('/im/callback', (req, res) => {
  const rejected = verify(req);
  received.push({ command: req.query.CallbackCommand, query: { ...req.query }, body: req.body, at: now(), rejected });
  if (rejected) return res.status(401).type('text/plain').send('bad signature: ' + rejected);
  const ok = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
  if (req.query.CallbackCommand === 'C2C.CallbackAfterSendMsg') {
    // Hold the answer until the sender has its sendmsg reply (at most 1.5 s): a reply that waited for this
    // callback would come only after the timeout.
    const record = received[received.length - 1];
    return untilReplied(req.body.MsgKey, 1500).then((how) => {
      record.released = how;
      res.json(ok);
    });
  }
  if (req.query.CallbackCommand === 'C2C.CallbackBeforeSendMsg') {
    const text = textOf(req.body.MsgBody);
    if (text.includes('forbidden')) return res.json({ ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'forbidden word' });
    if (text.includes('swear'))
      return res.json({ ...ok, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '***' } }] });
  }
  return res.json(ok);
});

(async () => {
  // 1. An app, its admin's UserSig, alice and bob.
  const created = await call('POST', '/mock/apps', {});
  if (!check('POST /mock/apps creates an app', created.status === 201 && created.json, created.text)) throw new Error('no app');
  const app = created.json;
  sdkappid = String(app.sdkappid);
  const admin = app.admin;
  const minted = await call('POST', `/mock/apps/${sdkappid}/usersig`, { identifier: admin });
  check('POST /mock/apps/{id}/usersig mints the admin UserSig', minted.status === 200 && minted.json?.usersig, minted.text);
  const sig = minted.json.usersig;
  const rest = (command, body) =>
    call('POST', `/v4/${command}?sdkappid=${sdkappid}&identifier=${encodeURIComponent(admin)}` +
                 `&usersig=${encodeURIComponent(sig)}&random=${crypto.randomInt(1 << 30)}&contenttype=json`, body);
  const imported = await rest('im_open_login_svc/multiaccount_import', { Accounts: ['alice', 'bob'] });
  check('multiaccount_import alice and bob', imported.json?.ErrorCode === 0 && (imported.json.FailAccounts ?? []).length === 0,
        imported.text);

  // 2. The Express receiver on a free loopback port.
  const listener = await new Promise((resolve, reject) => {
    const server = receiver.listen(0, '127.0.0.1', () => resolve(server));
    server.on('error', reject);
  });
  const url = `http://127.0.0.1:${listener.address().port}/im/callback`;
  receiverToken = 'tok-' + crypto.randomBytes(8).toString('hex');

  // 3. Callbacks on, signed with the token both sides share; three sends.
  const put = await call('PUT', `/mock/apps/${sdkappid}/callback`, { url, token: receiverToken });
  check('PUT /mock/apps/{id}/callback with url and token', put.status === 200 && put.json?.url === url, put.text);
  let random = 1000;
  const send = async (text) => {
    const reply = await rest('openim/sendmsg', {
      From_Account: 'alice', To_Account: 'bob', MsgRandom: ++random,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
    });
    if (reply.json?.MsgKey) markReplied(reply.json.MsgKey, reply.at);
    return reply;
  };
  const roam = async () => {
    const r = await rest('openim/admin_getroammsg',
                         { Operator_Account: 'bob', Peer_Account: 'alice', MaxCnt: 100, MinTime: 0, MaxTime: 4000000000 });
    return (r.json?.MsgList ?? []).map((m) => ({ key: m.MsgKey, text: textOf(m.MsgBody) }));
  };

  const hello = await send('hello');
  check('sendmsg "hello" is allowed (ErrorCode 0)', hello.json?.ErrorCode === 0 && hello.json.MsgKey, hello.text);
  const forbidden = await send('forbidden');
  check('sendmsg "forbidden" is refused with 20006', forbidden.json?.ErrorCode === 20006, forbidden.text);
  const swear = await send('swear');
  check('sendmsg "swear" is allowed (ErrorCode 0)', swear.json?.ErrorCode === 0 && swear.json.MsgKey, swear.text);
  let stored = await roam();
  const storedText = (key) => stored.find((m) => m.key === key)?.text;
  check('admin_getroammsg has "hello" as sent', storedText(hello.json?.MsgKey) === 'hello', show(stored));
  check('admin_getroammsg has "swear" rewritten to "***"', storedText(swear.json?.MsgKey) === '***', show(stored));
  check('admin_getroammsg has exactly those two (nothing "forbidden")',
        stored.length === 2 && !stored.some((m) => m.text.includes('forbidden')), show(stored));

  // 4. What the receiver saw: every callback signed right; the after-callbacks follow the replies.
  const afters = () => received.filter((r) => r.command === 'C2C.CallbackAfterSendMsg');
  for (let i = 0; i < 60 && afters().length < 2; i++) await sleep(50);
  await sleep(200);  // room for a stray third one
  const rejectedSoFar = received.filter((r) => r.rejected);
  check('every callback carried SdkAppid, RequestTime and a valid Sign (none rejected)',
        received.length > 0 && rejectedSoFar.length === 0, show(rejectedSoFar.map((r) => r.rejected)));
  check('every callback query has contenttype=json, ClientIP and OptPlatform=RESTAPI',
        received.every((r) => r.query.contenttype === 'json' && r.query.ClientIP && r.query.OptPlatform === 'RESTAPI'),
        show(received.map((r) => r.query)));
  const befores = received.filter((r) => r.command === 'C2C.CallbackBeforeSendMsg');
  check('three C2C.CallbackBeforeSendMsg, with the texts as sent',
        show(befores.map((r) => textOf(r.body.MsgBody))) === show(['hello', 'forbidden', 'swear']),
        show(befores.map((r) => r.body)));
  check('exactly two C2C.CallbackAfterSendMsg (none for the refused send)', afters().length === 2,
        show(afters().map((r) => r.body)));
  for (const [label, reply] of [['hello', hello], ['swear', swear]]) {
    const after = afters().find((r) => r.body.MsgKey === reply.json?.MsgKey);
    if (!check(`C2C.CallbackAfterSendMsg for "${label}" arrived (MsgKey ${reply.json?.MsgKey})`, after,
               show(afters().map((r) => r.body)))) continue;
    check(`C2C.CallbackAfterSendMsg for "${label}" reports SendMsgResult 0`, after.body.SendMsgResult === 0,
          show(after.body));
    // Arrival order cannot be told apart within one event loop (both sockets are readable together: the
    // receiver may run first by a millisecond), so: the receiver held its answer to the after-callback and the
    // sendmsg reply came meanwhile — the reply never waited for the after-callback.
    for (let i = 0; i < 40 && after.released === undefined; i++) await sleep(50);
    check(`C2C.CallbackAfterSendMsg for "${label}" follows its sendmsg reply (reply came while its answer was held)`,
          after.released === 'reply' && after.at >= reply.sentAt,
          `released by ${after.released}`);
  }

  // 5. timock's token changes, the receiver's does not: Express refuses with 401, the default on_failure
  //    "allow" lets the message through, and the journal has the failed callback.
  const countBefore = received.length;
  const rotated = await call('PUT', `/mock/apps/${sdkappid}/callback`, { url, token: receiverToken + '-rotated' });
  check('PUT /mock/apps/{id}/callback with a new token', rotated.status === 200 && rotated.json?.token === receiverToken + '-rotated',
        rotated.text);
  const late = await send('after the rotation');
  check('sendmsg after the rotation goes through (on_failure "allow")', late.json?.ErrorCode === 0 && late.json.MsgKey, late.text);
  const lateBefore = received.slice(countBefore).find((r) => r.command === 'C2C.CallbackBeforeSendMsg');
  check('Express rejected that C2C.CallbackBeforeSendMsg (wrong Sign, 401)', lateBefore && /^Sign /.test(lateBefore.rejected ?? ''),
        show(lateBefore ?? null));
  stored = await roam();
  check('admin_getroammsg has the message sent after the rotation', storedText(late.json?.MsgKey) === 'after the rotation',
        show(stored));
  const journal = await call('GET', `/mock/apps/${sdkappid}/journal?surface=callback`);
  const entries = journal.json?.entries ?? [];
  const failedEntry = entries.find((e) => e.command === 'C2C.CallbackBeforeSendMsg' && e.error_code !== 0 &&
                                          String(e.reply ?? '').includes('bad signature'));
  check('journal?surface=callback shows the failed before-callback (80003, the 401 body)',
        failedEntry && failedEntry.error_code === 80003 && failedEntry.surface === 'callback',
        show(entries.map((e) => ({ command: e.command, error_code: e.error_code, reply: e.reply }))));
  check('journal?surface=callback shows the earlier callbacks as succeeded',
        entries.filter((e) => e.error_code === 0 || e.error_code === 1).length >= 5,
        show(entries.map((e) => ({ command: e.command, error_code: e.error_code }))));

  listener.close();
  listener.closeAllConnections?.();
})()
  .catch((error) => {
    console.log('FAIL unexpected error: ' + (error && error.stack ? error.stack : error));
    failed++;
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  });
