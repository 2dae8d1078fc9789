// Driven by usersig_npm.test.sh: fresh random inputs each run, both directions, both versions.
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const { execFileSync, spawnSync } = require('node:child_process');
const TLSSigAPIv2 = require(process.cwd() + '/node_modules/tls-sig-api-v2');
const TLSSigAPI = require(process.cwd() + '/node_modules/tls-sig-api');

const port = Number(process.env.PORT);
const timock = process.env.TIMOCK;
const privatePem = fs.readFileSync('private.pem', 'utf8');
const publicPem = fs.readFileSync('public.pem', 'utf8');

function request(method, path, body, { chunked = false } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', reject);
    if (body !== undefined) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      // The seed's node-im writes the body without Content-Length or Content-Type: chunked.
      if (!chunked) req.setHeader('Content-Length', Buffer.byteLength(text));
      req.write(text);
    }
    req.end();
  });
}

async function createApp(body) {
  const res = await request('POST', '/mock/apps', body);
  assert.equal(res.status, 201, res.body);
  return JSON.parse(res.body);
}

async function rest(app, admin, sig, command, body) {
  const path = `/v4/${command}?usersig=${sig}&identifier=${encodeURIComponent(admin)}&sdkappid=${app.sdkappid}&contenttype=json`;
  const res = await request('POST', path, body, { chunked: true });
  assert.equal(res.status, 200);
  return JSON.parse(res.body);
}

const randomId = (prefix) => prefix + crypto.randomBytes(6).toString('hex');
const tamper = (sig) => {
  // Flip one character in the middle of the payload: still URL-safe base64, no longer the same ticket.
  const i = Math.floor(sig.length / 2);
  return sig.slice(0, i) + (sig[i] === 'A' ? 'B' : 'A') + sig.slice(i + 1);
};

function timockCli(args) {
  return spawnSync(timock, args, { encoding: 'utf8' });
}

(async () => {
  let checks = 0;
  // v2: what tls-sig-api-v2 mints, timock accepts over REST; tampered, it refuses.
  for (let round = 0; round < 5; round++) {
    const admin = randomId('admin_');
    const secret = crypto.randomBytes(32).toString('hex');
    const app = await createApp({ secret_key: secret, admin });
    const api = new TLSSigAPIv2.Api(app.sdkappid, secret);
    const sig = api.genUserSig(admin, 3600);
    const ok = await rest(app, admin, sig, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: admin }] });
    assert.equal(ok.ActionStatus, 'OK', JSON.stringify(ok));
    assert.equal(ok.ResultItem[0].AccountStatus, 'Imported');
    const bad = await rest(app, admin, tamper(sig), 'im_open_login_svc/account_check', { CheckItem: [{ UserID: admin }] });
    assert.notEqual(bad.ErrorCode, 0, JSON.stringify(bad));
    assert.ok([70003, 70009, 70013, 70014].includes(bad.ErrorCode), JSON.stringify(bad));
    const other = api.genUserSig(admin + 'x', 3600);
    const mismatch = await rest(app, admin, other, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: admin }] });
    assert.equal(mismatch.ErrorCode, 70013);
    // And `timock usersig verify` agrees with the server.
    const cli = timockCli(['usersig', 'verify', '--sdkappid', String(app.sdkappid), '--key', secret, '--identifier', admin, sig]);
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    // timock's v2 mint: the npm library has no verifier, so recompute the documented HMAC here.
    const minted = execFileSync(timock, ['usersig', 'gen', '--sdkappid', String(app.sdkappid), '--key', secret,
                                         '--identifier', admin, '--expire', '600'], { encoding: 'utf8' }).trim();
    const doc = JSON.parse(require('node:zlib').inflateSync(Buffer.from(minted.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')));
    const text = `TLS.identifier:${admin}\nTLS.sdkappid:${app.sdkappid}\nTLS.time:${doc['TLS.time']}\nTLS.expire:600\n`;
    assert.equal(doc['TLS.sig'], crypto.createHmac('sha256', secret).update(text).digest('base64'));
    const viaRest = await rest(app, admin, minted, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: admin }] });
    assert.equal(viaRest.ActionStatus, 'OK');
    checks += 6;
  }

  // v1: what tls-sig-api (the seed's library) mints with the app's private key, timock accepts with the
  // app's public key; what timock mints with the private key, tls-sig-api's verifySig accepts.
  for (let round = 0; round < 5; round++) {
    const admin = randomId('seed_');
    const app = await createApp({ admin, public_key_pem: publicPem });
    const signer = new TLSSigAPI.Sig({ sdk_appid: app.sdkappid, expire_after: 180 * 24 * 3600,
                                       private_key_string: privatePem, public_key_string: publicPem });
    const sig = signer.genSig(admin);
    const ok = await rest(app, admin, sig, 'im_open_login_svc/account_import', { Identifier: randomId('u_'), type: 0 });
    assert.equal(ok.ActionStatus, 'OK', JSON.stringify(ok));
    const bad = await rest(app, admin, tamper(sig), 'im_open_login_svc/account_check', { CheckItem: [{ UserID: admin }] });
    assert.notEqual(bad.ErrorCode, 0, JSON.stringify(bad));
    const minted = execFileSync(timock, ['usersig', 'gen', '--sdkappid', String(app.sdkappid), '--private-key',
                                         'private.pem', '--identifier', admin], { encoding: 'utf8' }).trim();
    assert.equal(signer.verifySig(minted, admin), true, 'tls-sig-api rejects timock v1 sig ' + minted);
    assert.equal(signer.verifySig(minted, admin + 'x'), false);
    const cli = timockCli(['usersig', 'verify', '--sdkappid', String(app.sdkappid), '--public-key', 'public.pem',
                           '--identifier', admin, sig]);
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    const viaRest = await rest(app, admin, minted, 'im_open_login_svc/account_check', { CheckItem: [{ UserID: admin }] });
    assert.equal(viaRest.ActionStatus, 'OK', JSON.stringify(viaRest));
    checks += 6;
  }
  console.log(`${checks} passed, 0 failed`);
})().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
