// The web console in a real headless browser (Debian's Chromium, driven by playwright-core), as a newcomer uses
// it: give the control token, create an app, import users, see a WebIM and a Chat SDK login appear live in the
// Online view and kick one, chat as one user and watch the message arrive live in a second user's view, recall
// it, search groups by name, add a fault rule and see the next send fail with its code in the live journal,
// export a snapshot. Screenshots of the main views go to SCREENSHOT_DIR (README shows them). Any
// browser console error or page error fails the run.
// Env: BASE (http://127.0.0.1:PORT), TOKEN, CHROMIUM, SCREENSHOT_DIR.
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const BASE = process.env.BASE;
const TOKEN = process.env.TOKEN;
const SHOTS = process.env.SCREENSHOT_DIR;
const APP = '1400000777';
// A data: URL, so the page loads no image from the network (there is none in CI).
const AVATAR = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
  + '<circle cx="16" cy="16" r="16" fill="#1f6feb"/><text x="16" y="21" font-size="14" text-anchor="middle" fill="#fff">A</text></svg>');
let passed = 0;
let failed = 0;
const consoleErrors = [];

async function step(name, work) {
  try {
    await work();
    passed++;
    console.log(`ok ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}: ${error.message.split('\n')[0]}`);
  }
}

function expect(condition, message) { if (!condition) throw new Error(message); }

async function shot(page, name) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

function watchErrors(page, label) {
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(`${label}: ${message.text()}`); });
  page.on('pageerror', (error) => consoleErrors.push(`${label}: ${error.message}`));
}

async function mintSig(identifier) {
  const minted = await (await fetch(`${BASE}/mock/apps/${APP}/usersig`, { method: 'POST', headers: { 'X-Timock-Token': TOKEN },
    body: JSON.stringify({ identifier }) })).json();
  return minted.usersig;
}

async function rest(service, command, body) {
  const query = new URLSearchParams({ sdkappid: APP, identifier: 'administrator', usersig: await mintSig('administrator'), random: '1', contenttype: 'json' });
  return (await fetch(`${BASE}/v4/${service}/${command}?${query}`, { method: 'POST', body: JSON.stringify(body) })).json();
}

// A WebIM login as webim_wx.js 1.7.2 makes it (reference/webim-protocol.md §3): the instance stays logged in.
async function webimLogin(user) {
  const query = new URLSearchParams({ websdkappid: '537048168', v: '1.7.2', platform: '10', identifier: user,
    usersig: await mintSig(user), contenttype: 'json', sdkappid: APP, accounttype: '36862', apn: '1', reqtime: String(Math.floor(Date.now() / 1000)) });
  const reply = await (await fetch(`${BASE}/v4/openim/login?${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ State: 'Online' }) })).json();
  expect(reply.ActionStatus === 'OK', `WebIM login: ${JSON.stringify(reply)}`);
}

// A Chat SDK login on a text WebSocket (/info), opened in `page` (Node 20 has no WebSocket): it stays open
// while the page does (reference/modern-sdk-protocol.md §6.1).
async function chatLogin(page, user) {
  const sig = await mintSig(user);
  const code = await page.evaluate(({ app, user, sig }) => new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}/info?sdkappid=${app}&platform=7`);
    window.chatSocket = ws;
    ws.onopen = () => ws.send(JSON.stringify({
      head: { ver: 'v4', platform: 7, websdkappid: 537048168, websdkversion: '3.6.6', contenttype: 'json', sdkappid: Number(app),
        reqtime: Math.floor(Date.now() / 1000), status_instid: 0, servcmd: 'im_open_status.wslogin', seq: 1, identifier: user, usersig: sig },
      body: { State: 'Online', is_web_uniapp: 0, InstType: 0, CustomInfo: '' } }));
    ws.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.head?.servcmd === 'im_open_status.wslogin') resolve(frame.body.ErrorCode);
    };
    ws.onerror = () => reject(new Error('the Chat SDK socket failed'));
  }), { app: APP, user, sig });
  expect(code === 0, `wslogin ErrorCode ${code}`);
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  watchErrors(page, 'page 1');
  page.on('dialog', (dialog) => dialog.accept());

  await step('the page asks for the control token once, then lists the apps', async () => {
    await page.goto(`${BASE}/console`);
    await page.waitForSelector('#token-dialog[open]');
    await page.fill('#token-input', TOKEN);
    await page.click('#token-form button');
    await page.waitForSelector('#create-app');
    expect(await page.locator('main table').count() === 1, 'no apps table');
  });

  await step('create an app from the form', async () => {
    await page.fill('#create-app input[name=sdkappid]', APP);
    await page.fill('#create-app input[name=secret_key]', 'console-test-secret');
    await page.click('#create-app button[type=submit]');
    await page.waitForSelector(`main a[href="#/app/${APP}/users"]`);
    await shot(page, 'apps');
  });

  await step('import users one by one and in bulk (123 with the admin); search on the server', async () => {
    await page.click(`main a[href="#/app/${APP}/users"]`);
    for (const [id, nick, face] of [['alice', 'Alice Liddell', AVATAR], ['bob', 'Bob Builder', '']]) {
      await page.fill('#import-user input[name=user_id]', id);
      await page.fill('#import-user input[name=nick]', nick);
      await page.fill('#import-user input[name=face_url]', face);
      await page.click('#import-user button[type=submit]');
      await page.waitForSelector(`main a[href="#/app/${APP}/users/${id}"]`);
    }
    await page.fill('main textarea[name=ids]', Array.from({ length: 120 }, (_, i) => `user${String(i).padStart(3, '0')}`).join(' '));
    await page.click('main textarea[name=ids] ~ button[type=submit]');
    await page.waitForFunction(() => document.querySelector('.pager span')?.textContent.includes('of 123'));
    await page.fill('main input[data-search]', 'bob');
    await page.waitForFunction(() => document.querySelector('.pager span')?.textContent === '1–1 of 1');
    await page.fill('main input[data-search]', '');
    await page.waitForFunction(() => document.querySelector('.pager span')?.textContent.includes('of 123'));
    await shot(page, 'users');
  });

  await step('accounts imported and deleted over REST show in the open list live', async () => {
    expect((await rest('im_open_login_svc', 'account_import', { UserID: 'dave' })).ErrorCode === 0, 'account_import');
    await page.waitForFunction(() => document.querySelector('.pager span')?.textContent.includes('of 124'));
    expect((await rest('im_open_login_svc', 'account_delete', { DeleteItem: [{ UserID: 'dave' }] })).ErrorCode === 0, 'account_delete');
    await page.waitForFunction(() => document.querySelector('.pager span')?.textContent.includes('of 123'));
  });

  const clientPage = await context.newPage();
  watchErrors(clientPage, 'client page');
  await step('the Online view shows a WebIM and a Chat SDK login live, with their protocol; a kick takes one off', async () => {
    await page.goto(`${BASE}/console/#/app/${APP}/online`);
    await page.waitForSelector('#online .empty');
    await page.waitForSelector('#live.on');
    await webimLogin('alice');
    await page.waitForSelector('#online tr[data-user="alice"][data-protocol="webim"] td:text-is("WebIM")');
    await clientPage.goto(`${BASE}/console/session`);
    await chatLogin(clientPage, 'bob');
    await page.waitForSelector('#online tr[data-user="bob"][data-protocol="chatsdk"] td:text-is("Chat SDK")');
    await page.waitForSelector('#online tr[data-user="bob"] .badge.on:text-is("online")');
    await page.waitForFunction(() => document.querySelector('#online .pager span')?.textContent === '1–2 of 2');
    await shot(page, 'online');
    // The user's own page lists its instance; the user list marks it online.
    await page.goto(`${BASE}/console/#/app/${APP}/users/bob`);
    await page.waitForSelector('#instances td:text-is("Chat SDK")');
    await page.goto(`${BASE}/console/#/app/${APP}/online`);
    await page.click('#online tr[data-user="alice"] button:text-is("Kick")');
    await page.waitForSelector('#online tr[data-user="alice"]', { state: 'detached' });
    await page.waitForSelector('#online tr[data-user="bob"]');
  });

  const bobPage = await context.newPage();
  watchErrors(bobPage, 'page 2');
  await step("a message sent as alice arrives live in bob's view", async () => {
    await page.goto(`${BASE}/console/#/app/${APP}/chat/alice/c2c/bob`);
    await page.waitForSelector('#composer');
    await bobPage.goto(`${BASE}/console/#/app/${APP}/chat/bob/c2c/alice`);
    await bobPage.waitForSelector('#composer');
    await bobPage.waitForSelector('#live.on');
    await page.waitForSelector('#live.on');
    await page.fill('#composer input[name=text]', 'hello bob, from the console');
    await page.press('#composer input[name=text]', 'Enter');
    await bobPage.waitForSelector('ol.messages li:has-text("hello bob, from the console")', { timeout: 5000 });
    await page.waitForSelector('ol.messages li.mine:has-text("hello bob, from the console")', { timeout: 5000 });
  });

  await step('a REST send from outside the console appears live too', async () => {
    const reply = await rest('openim', 'sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: 7,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi alice, from curl' } }] });
    expect(reply.ErrorCode === 0, `sendmsg ${reply.ErrorCode}`);
    await page.waitForSelector('ol.messages li:has-text("hi alice, from curl")', { timeout: 5000 });
    await bobPage.waitForSelector('ol.messages li.mine:has-text("hi alice, from curl")', { timeout: 5000 });
    await page.click('ol.messages li:has-text("hi alice, from curl")');
    const details = await page.textContent('pre.details');
    expect(details.includes('"MsgKey"') && details.includes('"MsgSeq"'), 'message details lack MsgKey/MsgSeq');
    await shot(page, 'chat');
  });

  await step('a recall shows on both sides', async () => {
    await page.click('ol.messages li.mine:has-text("hello bob") button:has-text("recall")');
    await bobPage.waitForSelector('ol.messages li.recalled:has-text("hello bob")', { timeout: 5000 });
    await page.waitForSelector('ol.messages li.recalled:has-text("hello bob")', { timeout: 5000 });
  });

  await step("the user page lists the conversation with bob's unread count", async () => {
    await bobPage.goto(`${BASE}/console/#/app/${APP}/users/alice`);
    await bobPage.waitForSelector('main td:has-text("Bob Builder (bob)")');
    const unread = await bobPage.textContent('main tr:has-text("Bob Builder (bob)") .badge.unread');
    expect(unread === '1', `alice's unread from bob is ${unread}`);
    await shot(bobPage, 'user');
  });

  await step('create a group with members from the form; its page lists their roles; a group message arrives live', async () => {
    await page.goto(`${BASE}/console/#/app/${APP}/groups`);
    await page.selectOption('#create-group select[name=type]', 'Public');
    await page.fill('#create-group input[name=name]', 'Console testers');
    await page.fill('#create-group input[name=owner]', 'alice');
    await page.fill('#create-group input[name=members]', 'bob user000 user001');
    await page.click('#create-group button[type=submit]');
    await page.waitForSelector('main td:has-text("Owner")');
    expect(await page.locator('main tr:has(a:text-is("bob")) td:text-is("Member")').count() === 1, 'bob is not a Member');
    await page.click('main tr:has(a:text-is("bob")) button:has-text("Make admin")');
    await page.waitForSelector('main tr:has(a:text-is("bob")) td:text-is("Admin")');
    await shot(page, 'group');
    const group = decodeURIComponent(page.url().split('/').pop());
    await bobPage.goto(`${BASE}/console/#/app/${APP}/chat/bob/group/${encodeURIComponent(group)}`);
    await bobPage.waitForSelector('#composer');
    await page.goto(`${BASE}/console/#/app/${APP}/chat/alice/group/${encodeURIComponent(group)}`);
    await page.waitForSelector('#composer');
    await page.fill('#composer input[name=text]', 'hello group');
    await page.press('#composer input[name=text]', 'Enter');
    await bobPage.waitForSelector('ol.messages li:has-text("hello group")', { timeout: 5000 });
  });

  await step('search groups by GroupId or name on the server', async () => {
    expect((await rest('group_open_http_svc', 'create_group', { Type: 'Public', Name: 'Another crew', Owner_Account: 'bob' })).ErrorCode === 0, 'create_group');
    await page.goto(`${BASE}/console/#/app/${APP}/groups`);
    await page.waitForFunction(() => document.querySelector('#groups .pager span')?.textContent === '1–2 of 2');
    await page.fill('main input[data-search]', 'TESTERS');
    await page.waitForFunction(() => document.querySelector('#groups .pager span')?.textContent === '1–1 of 1');
    expect(await page.locator('#groups td:text-is("Console testers")').count() === 1, 'the search did not find "Console testers"');
    expect(await page.locator('#groups td:text-is("Another crew")').count() === 0, 'the search kept "Another crew"');
  });

  await step('a fault rule from the form fails the next send, and the live journal shows its code', async () => {
    await bobPage.goto(`${BASE}/console/#/app/${APP}/journal`);
    await bobPage.waitForSelector('#journal');
    await page.goto(`${BASE}/console/#/app/${APP}/faults`);
    await page.fill('#fault-form input[name=service]', 'openim');
    await page.fill('#fault-form input[name=command]', 'sendmsg');
    await page.fill('#fault-form input[name=error_code]', '20003');
    await page.fill('#fault-form input[name=times]', '1');
    await page.click('#fault-form button[type=submit]');
    await page.waitForSelector('main td:has-text("service=openim command=sendmsg")');
    await shot(page, 'faults');
    await page.goto(`${BASE}/console/#/app/${APP}/chat/alice/c2c/bob`);
    await page.waitForSelector('#composer');
    await page.fill('#composer input[name=text]', 'this one fails');
    await page.press('#composer input[name=text]', 'Enter');
    await page.waitForSelector('#error:has-text("ErrorCode 20003")', { timeout: 5000 });
    await bobPage.waitForSelector('#journal tbody tr:first-child td.code:has-text("20003")', { timeout: 5000 });
    const row = await bobPage.textContent('#journal tbody tr:first-child');
    expect(row.includes('openim/sendmsg') && row.includes('r1'), `journal row: ${row}`);
    await shot(bobPage, 'journal');
  });

  await step('export the app as a snapshot file, reset it, import the file back, load it as a new app', async () => {
    await page.goto(`${BASE}/console/#/apps`);
    const row = page.locator(`main tr:has(a[href="#/app/${APP}/users"])`);
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('button:has-text("Export snapshot")').click()]);
    const snapshot = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    const app = snapshot.apps[0];
    expect(app.sdkappid === Number(APP), 'wrong app in snapshot');
    expect(app.accounts.length === 123, `snapshot has ${app.accounts.length} accounts`);
    expect(app.messages.some((m) => JSON.stringify(m.body).includes('hi alice, from curl')), 'message missing from snapshot');
    // And back: reset the app, then import the file; the users are there again.
    await row.locator('button:has-text("Reset")').click();
    await page.waitForFunction(async (app) => (await (await fetch(`/mock/apps/${app}/accounts`, { headers: { 'X-Timock-Token': localStorage.getItem('timock.controlToken') } })).json()).total === 1, APP);
    await row.locator('input[type=file]').setInputFiles(await download.path());
    await page.waitForFunction(async (app) => (await (await fetch(`/mock/apps/${app}/accounts`, { headers: { 'X-Timock-Token': localStorage.getItem('timock.controlToken') } })).json()).total === 123, APP);
    // The same file loaded as another app.
    await page.fill('#load-snapshot input[name=sdkappid]', '1400000778');
    await page.setInputFiles('#load-snapshot input[type=file]', await download.path());
    await page.click('#load-snapshot button[type=submit]');
    await page.waitForSelector('main a[href="#/app/1400000778/users"]');
  });

  await step('tools: mint a UserSig and decode it in the page', async () => {
    await page.goto(`${BASE}/console/#/app/${APP}/tools`);
    await page.fill('#mint-sig input[name=identifier]', 'alice');
    await page.click('#mint-sig button[type=submit]');
    await page.waitForSelector('#minted:not([hidden])');
    const sig = (await page.textContent('#minted')).split('\n')[0];
    await page.fill('#decode-sig input[name=sig]', sig);
    await page.click('#decode-sig button[type=submit]');
    await page.waitForSelector('#decoded:has-text("TLS.identifier")');
    expect((await page.textContent('#decoded')).includes('"alice"'), 'decoded sig lacks the identifier');
  });

  await step('tools: freeze and shift the clock, turn quotas on and off, read the metrics', async () => {
    await page.click('button:text-is("Freeze")');
    await page.waitForSelector('.badge:text-is("frozen")');
    const before = Date.parse((await page.textContent('#clock-now')).replace(' ', 'T') + 'Z');
    await page.click('button:text-is("+1 h")');
    await page.waitForFunction((t) => Date.parse(document.querySelector('#clock-now').textContent.replace(' ', 'T') + 'Z') === t + 3600000, before);
    await page.click('button:text-is("Real time")');
    await page.waitForSelector('.badge:text-is("running")');
    await page.click('button:text-is("Turn on")');
    await page.waitForSelector('#quota-state:text-is("on")');
    await page.click('button:text-is("Turn off")');
    await page.waitForSelector('#quota-state:text-is("off")');
    expect((await page.textContent('main')).includes('openim/sendmsg'), 'metrics lack openim/sendmsg');
    await shot(page, 'tools');
  });

  await step('no console error in either page', async () => {
    expect(consoleErrors.length === 0, consoleErrors.join(' | '));
  });

  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.log(`FAIL ${error.stack}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
