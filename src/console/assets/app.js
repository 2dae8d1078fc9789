// The console's shell: the app picker, the views by URL (#/apps, #/app/{id}/{view}/…), the token dialog and
// the keyboard shortcuts. Each view renders into <main> and returns what to undo when it is left.
import { mock, onTokenNeeded } from './api.js';
import { watchApp } from './stream.js';
import { attempt, clearError } from './ui.js';
import { renderApps } from './view_apps.js';
import { renderUsers, renderUser } from './view_users.js';
import { renderGroups, renderGroup } from './view_groups.js';
import { renderOnline } from './view_online.js';
import { renderChat } from './view_chat.js';
import { renderJournal } from './view_journal.js';
import { renderFaults } from './view_faults.js';
import { renderTools } from './view_tools.js';

const APP_KEY = 'timock.app';
const views = {
  users: (main, app, args) => (args.length ? renderUser(main, app, args[0]) : renderUsers(main, app)),
  online: renderOnline,
  groups: (main, app, args) => (args.length ? renderGroup(main, app, args[0]) : renderGroups(main, app)),
  chat: renderChat,
  journal: renderJournal,
  faults: renderFaults,
  tools: renderTools,
};

let leave = null;

export function currentApp() { return localStorage.getItem(APP_KEY) || ''; }

export function go(path) { location.hash = path; }
export function appLink(app, view, ...args) {
  return `#/app/${app}/${view}${args.map((arg) => '/' + encodeURIComponent(arg)).join('')}`;
}

// Fills the picker with the apps the server has; keeps the chosen one if it still exists.
export async function refreshApps() {
  const select = document.getElementById('app-select');
  const { apps } = await mock('GET', '/mock/apps');
  select.replaceChildren(...apps.map((app) => new Option(String(app.sdkappid), String(app.sdkappid))));
  let chosen = currentApp();
  if (!apps.some((app) => String(app.sdkappid) === chosen)) chosen = apps.length ? String(apps[0].sdkappid) : '';
  chooseApp(chosen);
  return apps;
}

function chooseApp(app) {
  if (app) localStorage.setItem(APP_KEY, app);
  document.getElementById('app-select').value = app;
  for (const link of document.querySelectorAll('#nav a')) link.href = appLink(app, link.dataset.view);
  if (app) watchApp(app);
}

async function route() {
  if (leave) leave();
  leave = null;
  clearError();
  const main = document.getElementById('main');
  main.replaceChildren();
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  let view = 'apps';
  if (parts[0] === 'app' && parts[1] && views[parts[2]]) {
    if (parts[1] !== currentApp()) chooseApp(parts[1]);
    view = parts[2];
  }
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.dataset.view === view);
  document.title = `timock console · ${view}`;
  if (view === 'apps') {
    leave = await attempt(() => renderApps(main));
    return;
  }
  leave = await attempt(() => views[view](main, parts[1], parts.slice(3)));
}

function askForToken() {
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  input.value = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(input.value), { once: true });
    if (!dialog.open) dialog.showModal();
    input.focus();
  });
}

// Keys: "/" searches the view's list, "g" then a letter goes to a view (a apps, u users, o online, r groups,
// c chat, j journal, f faults, t tools), Escape leaves a field.
function keyboard() {
  let pendingG = false;
  document.addEventListener('keydown', (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (event.key === 'Escape' && typing) { event.target.blur(); return; }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '/') {
      const search = document.querySelector('main [data-search]');
      if (search) { event.preventDefault(); search.focus(); }
      return;
    }
    if (pendingG) {
      pendingG = false;
      const target = { a: 'apps', u: 'users', o: 'online', r: 'groups', c: 'chat', j: 'journal', f: 'faults', t: 'tools' }[event.key];
      if (target === 'apps') go('#/apps');
      else if (target && currentApp()) go(appLink(currentApp(), target));
      return;
    }
    if (event.key === 'g') pendingG = true;
  });
}

async function start() {
  onTokenNeeded(askForToken);
  keyboard();
  document.getElementById('app-select').addEventListener('change', (event) => {
    chooseApp(event.target.value);
    const parts = location.hash.split('/');
    go(parts[1] === 'app' ? appLink(event.target.value, parts[3] || 'users') : appLink(event.target.value, 'users'));
  });
  window.addEventListener('hashchange', route);
  await attempt(refreshApps);
  await route();
}

start();
