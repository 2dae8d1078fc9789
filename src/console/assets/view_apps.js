// Apps: list, create, reset, delete, export a snapshot to a file and import one from a file.
import { mock, download, forgetSig } from './api.js';
import { h, attempt, table, form, field, section } from './ui.js';
import { appLink, refreshApps } from './app.js';

export async function renderApps(main) {
  const list = h('div');
  const draw = async () => {
    const apps = await refreshApps();
    list.replaceChildren(table([
      { title: 'SDKAppID', cell: (app) => h('a', { href: appLink(app.sdkappid, 'users') }, String(app.sdkappid)) },
      { title: 'admin', cell: (app) => app.admin },
      { title: 'secret key', cell: (app) => h('code', {}, app.secret_key || '—') },
      { title: '', cell: (app) => actions(app, draw) },
    ], apps, { empty: 'No app yet: create one above.' }));
  };
  main.append(
    section('New app',
      form([field('sdkappid', 'SDKAppID (blank: generated)', { inputmode: 'numeric' }),
        field('secret_key', 'secret key (blank: generated)'),
        field('admin', 'admin (administrator)')], 'Create app', async (values, element) => {
        const body = {};
        if (values.sdkappid) body.sdkappid = Number(values.sdkappid);
        if (values.secret_key) body.secret_key = values.secret_key;
        if (values.admin) body.admin = values.admin;
        if (await attempt(() => mock('POST', '/mock/apps', body))) {
          element.reset();
          await draw();
        }
      }, { id: 'create-app' }),
      form([field('sdkappid', 'SDKAppID (blank: the file\'s)', { inputmode: 'numeric' }),
        h('input', { type: 'file', name: 'file', accept: '.json,application/json', required: true, 'aria-label': 'Snapshot file' })],
      'Load snapshot as app', async (values, element) => {
        // PUT snapshot makes the app when it does not exist: a file exported from one app becomes another.
        const text = await values.file.text();
        let id = values.sdkappid;
        if (!id) {
          try { const parsed = JSON.parse(text); id = (parsed.apps ? parsed.apps[0] : parsed).sdkappid; } catch { id = ''; }
        }
        if (!id) { await attempt(() => Promise.reject(new Error('the file names no sdkappid: give one'))); return; }
        if (await attempt(() => mock('PUT', `/mock/apps/${id}/snapshot`, text))) {
          forgetSig(String(id));
          element.reset();
          await draw();
        }
      }, { id: 'load-snapshot' })),
    section('Apps', list));
  await draw();
}

function actions(app, redraw) {
  const id = app.sdkappid;
  const file = h('input', { type: 'file', accept: '.json,application/json', hidden: true, onchange: async (event) => {
    const chosen = event.target.files[0];
    if (!chosen) return;
    const text = await chosen.text();
    if (await attempt(() => mock('PUT', `/mock/apps/${id}/snapshot`, text))) {
      forgetSig(String(id));
      await redraw();
    }
  } });
  return h('span', { class: 'actions' },
    h('button', { onclick: async () => {
      const text = await attempt(() => mock('GET', `/mock/apps/${id}/snapshot`, undefined, { raw: true }));
      if (text) download(`timock-${id}.json`, text);
    } }, 'Export snapshot'),
    h('button', { onclick: () => file.click() }, 'Import snapshot…'), file,
    h('button', { onclick: async () => {
      if (confirm(`Empty app ${id}? Its keys and admin stay.`) && await attempt(() => mock('POST', `/mock/apps/${id}/reset`))) await redraw();
    } }, 'Reset'),
    h('button', { class: 'danger', onclick: async () => {
      if (confirm(`Delete app ${id} and all of its data?`) && await attempt(() => mock('DELETE', `/mock/apps/${id}`))) await redraw();
    } }, 'Delete'));
}
