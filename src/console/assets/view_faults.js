// Fault rules: the app's rules with their hits and remaining times; a form adds one or, with the id of an
// existing one, replaces it ("edit" fills the form); delete one or all.
import { mock } from './api.js';
import { h, attempt, table, form, field, section, debounce, refresh } from './ui.js';
import { subscribe } from './stream.js';

const NUMBERS = ['error_code', 'times', 'probability', 'delay_ms', 'http_status', 'seed'];

export async function renderFaults(main, app) {
  const list = h('div');
  let ruleForm = null;
  const draw = async () => {
    const { rules } = await mock('GET', `/mock/apps/${app}/faults`);
    list.replaceChildren(table([
      { title: 'id', cell: (r) => r.id },
      { title: 'match', cell: (r) => Object.entries(r.match).map(([k, v]) => `${k}=${v}`).join(' ') || 'any call' },
      { title: 'ErrorCode', cell: (r) => (r.error_code ? `${r.error_code} ${r.error_info}` : '') },
      { title: 'times left', cell: (r) => (r.times === null ? '∞' : String(r.times)) },
      { title: 'probability', cell: (r) => String(r.probability) },
      { title: 'delay', cell: (r) => (r.delay_ms ? `${r.delay_ms} ms` : '') },
      { title: 'HTTP', cell: (r) => (r.http_status ? String(r.http_status) : '') },
      { title: 'drop', cell: (r) => (r.drop_connection ? 'yes' : '') },
      { title: 'hits', cell: (r) => String(r.hits) },
      { title: '', cell: (r) => h('span', { class: 'actions' },
        h('button', { onclick: () => fill(r) }, 'Edit'),
        h('button', { class: 'danger', onclick: async () => { if (await attempt(() => mock('DELETE', `/mock/apps/${app}/faults/${encodeURIComponent(r.id)}`))) await attempt(draw); } }, 'Delete')) },
    ], rules, { empty: 'No fault rule: every call runs for real.' }));
  };
  const fill = (rule) => {
    const values = { ...rule.match, ...rule };
    for (const input of ruleForm.elements) {
      if (!input.name) continue;
      if (input.type === 'checkbox') input.checked = Boolean(values[input.name]);
      else input.value = values[input.name] ?? '';
    }
    ruleForm.querySelector('input').focus();
  };
  ruleForm = form([
    field('id', 'id (blank: r1, r2 …)'),
    field('service', 'service (any)'), field('command', 'command (any)'), field('identifier', 'identifier (any)'), field('peer', 'peer (any)'),
    field('error_code', 'ErrorCode', { inputmode: 'numeric' }), field('error_info', 'ErrorInfo (default)'),
    field('times', 'times (∞)', { inputmode: 'numeric' }), field('probability', 'probability 0..1'),
    field('delay_ms', 'delay ms'), field('http_status', 'HTTP status'), field('seed', 'seed'),
    h('label', {}, h('input', { type: 'checkbox', name: 'drop_connection', value: 'true' }), ' drop connection'),
  ], 'Save rule', async (values, element) => {
    const rule = { match: {} };
    for (const key of ['service', 'command', 'identifier', 'peer']) if (values[key]) rule.match[key] = values[key].trim();
    if (values.id) rule.id = values.id.trim();
    if (values.error_info) rule.error_info = values.error_info;
    for (const key of NUMBERS) if (values[key] !== undefined && values[key] !== '') rule[key] = Number(values[key]);
    if (values.drop_connection) rule.drop_connection = true;
    if (await attempt(() => mock('POST', `/mock/apps/${app}/faults`, rule))) {
      element.reset();
      await attempt(draw);
    }
  }, { id: 'fault-form', class: 'grid' });
  main.append(
    section('Add or replace a fault rule', h('p', { class: 'muted' }, 'Matches on any field left blank. A rule needs an ErrorCode, a delay, an HTTP status or a dropped connection.'), ruleForm),
    section('Fault rules',
      h('button', { class: 'danger', onclick: async () => { if (await attempt(() => mock('DELETE', `/mock/apps/${app}/faults`))) await attempt(draw); } }, 'Delete all'),
      list));
  await draw();
  // A rule that fires counts a hit (and may run out of times): the table follows the journal.
  const redraw = debounce(() => refresh(draw));
  return subscribe((event) => { if (event.type === 'journal' && event.entry.fault_rule) redraw(); });
}
