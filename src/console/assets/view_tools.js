// Tools: mint and decode UserSigs, the server's clock (freeze, shift, set), the app's quotas on or off, and the
// metrics at a glance.
import { mock } from './api.js';
import { h, attempt, form, field, section, formatTime, table } from './ui.js';

export async function renderTools(main, app) {
  const clock = h('div');
  const quotas = h('div');
  const metrics = h('div');
  const drawClock = async () => {
    const state = await mock('GET', '/mock/clock');
    clock.replaceChildren(
      h('p', {}, h('strong', { id: 'clock-now' }, formatTime(state.now)), ` UTC · offset ${state.offset_s} s · `,
        h('span', { class: state.frozen ? 'badge' : 'badge on' }, state.frozen ? 'frozen' : 'running')),
      h('div', { class: 'inline' },
        h('button', { onclick: () => putClock({ frozen: !state.frozen }) }, state.frozen ? 'Let it run' : 'Freeze'),
        // A frozen clock moves by exactly the step; a running one shifts its offset from real time.
        [-3600, -60, 60, 3600, 86400].map((s) => h('button', { onclick: () => putClock(state.frozen ? { now: state.now + s, frozen: true } : { offset_s: state.offset_s + s }) },
          `${s > 0 ? '+' : '−'}${Math.abs(s) >= 3600 ? Math.abs(s) / 3600 + ' h' : Math.abs(s) / 60 + ' min'}`)),
        h('button', { onclick: () => putClock({ offset_s: 0, frozen: false }) }, 'Real time')),
      form([field('now', 'set to (YYYY-MM-DD HH:MM:SS UTC or unix seconds)', { required: true })], 'Set and freeze', (values) => {
        const text = values.now.trim();
        const seconds = /^\d+$/.test(text) ? Number(text) : Math.floor(Date.parse(text.replace(' ', 'T') + 'Z') / 1000);
        return putClock({ now: seconds, frozen: true });
      }));
  };
  const putClock = async (body) => { if (await attempt(() => mock('PUT', '/mock/clock', body))) await attempt(drawClock); };
  const drawQuotas = async () => {
    const state = await mock('GET', `/mock/apps/${app}/quotas`);
    const counters = Object.entries(state.counters?.commands || {}).map(([command, c]) => ({ command, ...c }));
    quotas.replaceChildren(
      h('p', {}, `Quotas are `, h('strong', { id: 'quota-state' }, state.enabled ? 'on' : 'off'), ' (REST calls over the real limits get 60007/60011). ',
        h('button', { onclick: async () => {
          if (await attempt(() => (state.enabled ? mock('DELETE', `/mock/apps/${app}/quotas`) : mock('PUT', `/mock/apps/${app}/quotas`, { enabled: true })))) await attempt(drawQuotas);
        } }, state.enabled ? 'Turn off' : 'Turn on')),
      state.enabled ? table([
        { title: 'command', cell: (c) => c.command }, { title: 'per second', cell: (c) => String(c.per_second ?? '∞') },
        { title: 'this second', cell: (c) => String(c.calls_this_second ?? 0) }, { title: 'rejected', cell: (c) => String(c.rejected ?? 0) },
      ], counters, { empty: 'No call counted yet.' }) : '');
  };
  const drawMetrics = async () => {
    const text = await mock('GET', '/mock/metrics', undefined, { raw: true });
    const rows = [];
    let connections = 0;
    let parked = 0;
    for (const line of text.split('\n')) {
      const request = line.match(/^timock_requests_total\{(.*)\} (\d+)/);
      if (request) {
        const labels = Object.fromEntries([...request[1].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
        rows.push({ ...labels, count: Number(request[2]) });
      }
      if (line.startsWith('timock_open_connections ')) connections = Number(line.split(' ')[1]);
      if (line.startsWith('timock_parked_polls ')) parked = Number(line.split(' ')[1]);
    }
    rows.sort((a, b) => b.count - a.count);
    metrics.replaceChildren(
      h('p', {}, `${rows.reduce((sum, r) => sum + r.count, 0)} requests · ${connections} open connections · ${parked} parked polls`),
      table([
        { title: 'surface', cell: (r) => r.surface }, { title: 'call', cell: (r) => `${r.service}/${r.command}` },
        { title: 'ErrorCode', cell: (r) => r.error_code }, { title: 'count', cell: (r) => String(r.count) },
      ], rows.slice(0, 30), { empty: 'No request yet.' }),
      h('details', {}, h('summary', {}, 'Prometheus text'), h('pre', { class: 'details' }, text)));
  };
  const minted = h('pre', { class: 'details', id: 'minted', hidden: true });
  const decoded = h('pre', { class: 'details', id: 'decoded', hidden: true });
  main.append(
    section('UserSig',
      form([field('identifier', 'identifier', { required: true }), field('expire', 'expire seconds (180 days)', { inputmode: 'numeric' })], 'Mint', async (values) => {
        const body = { identifier: values.identifier.trim() };
        if (values.expire) body.expire = Number(values.expire);
        const reply = await attempt(() => mock('POST', `/mock/apps/${app}/usersig`, body));
        if (reply) { minted.hidden = false; minted.textContent = `${reply.usersig}\nexpires ${formatTime(reply.expire_at)} UTC`; }
      }, { id: 'mint-sig' }),
      minted,
      form([field('sig', 'UserSig to decode', { required: true })], 'Decode', async (values) => {
        decoded.hidden = false;
        try { decoded.textContent = JSON.stringify(await decodeSig(values.sig.trim()), null, 2); } catch (error) { decoded.textContent = `not a UserSig: ${error.message}`; }
      }, { id: 'decode-sig' }),
      decoded),
    section('Clock (the server\'s, shared by every app)', clock),
    section(`Quotas of ${app}`, quotas),
    section('Metrics', h('button', { onclick: () => attempt(drawMetrics) }, 'Refresh'), metrics));
  await Promise.all([attempt(drawClock), attempt(drawQuotas), attempt(drawMetrics)]);
}

// A UserSig is zlib-compressed JSON in base64 with '*', '-', '_' for '+', '/', '=' (Tencent's tls-sig-api).
async function decodeSig(sig) {
  const base64 = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  const json = JSON.parse(await new Response(stream).text());
  const expireAt = Number(json['TLS.time']) + Number(json['TLS.expire']);
  return { ...json, 'expires at (UTC)': formatTime(expireAt) };
}
