// Small DOM helpers shared by the views: no framework, just elements.

// h('button', {onclick, class: 'x'}, 'text', child…): an element; attributes starting with "on" are listeners.
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

// The banner under the header: what failed and the server's own words (ErrorCode/ErrorInfo or HTTP error).
export function showError(error) {
  const banner = document.getElementById('error');
  banner.replaceChildren(h('span', {}, error.message || String(error)),
    h('button', { class: 'link', onclick: clearError, 'aria-label': 'Dismiss' }, '×'));
  banner.hidden = false;
}
export function clearError() { document.getElementById('error').hidden = true; }

// Runs `work`, showing its failure (if any) in the banner; resolves with its result or undefined.
export async function attempt(work) {
  try {
    const result = await work();
    clearError();
    return result;
  } catch (error) {
    showError(error);
    return undefined;
  }
}

// A redraw the page does by itself (live news): shows a failure, but leaves a failure the user has not read yet.
export async function refresh(work) {
  try {
    return await work();
  } catch (error) {
    showError(error);
    return undefined;
  }
}

export function formatTime(seconds) {
  if (!seconds) return '';
  const date = new Date(seconds * 1000);
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

// A MsgBody in a line: text as it is, other elements by their type.
export function bodyText(body) {
  if (!Array.isArray(body)) return body && typeof body === 'object' ? JSON.stringify(body) : String(body ?? '');
  return body.map((element) => {
    const content = element.MsgContent || {};
    switch (element.MsgType) {
      case 'TIMTextElem': return content.Text;
      case 'TIMCustomElem': return `[custom] ${content.Data ?? ''}${content.Desc ? ' ' + content.Desc : ''}`;
      case 'TIMFaceElem': return `[face ${content.Index}]`;
      case 'TIMLocationElem': return `[location] ${content.Desc ?? ''}`;
      case 'TIMImageElem': return '[image]';
      case 'TIMSoundElem': return '[sound]';
      case 'TIMFileElem': return `[file] ${content.FileName ?? ''}`;
      case 'TIMVideoFileElem': return '[video]';
      default: return `[${element.MsgType}]`;
    }
  }).join(' ');
}

// A table of `rows` with `columns` = [{title, cell: row → node|text}].
export function table(columns, rows, { empty = 'Nothing here yet.', rowAttrs } = {}) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', {}, column.title)))),
    h('tbody', {}, rows.map((row) => h('tr', rowAttrs ? rowAttrs(row) : {},
      columns.map((column) => h('td', {}, column.cell(row)))))));
}

// "‹ prev · 1–50 of 10,000 · next ›".
export function pager({ offset, limit, total, onPage }) {
  const last = Math.min(offset + limit, total);
  return h('div', { class: 'pager' },
    h('button', { disabled: offset === 0, onclick: () => onPage(Math.max(0, offset - limit)) }, '‹ prev'),
    h('span', {}, total ? `${offset + 1}–${last} of ${total.toLocaleString('en')}` : 'none'),
    h('button', { disabled: last >= total, onclick: () => onPage(offset + limit) }, 'next ›'));
}

// A form whose fields are read by name; Enter submits, the button shows while the work runs.
export function form(fields, label, onSubmit, attrs = {}) {
  const element = h('form', { class: 'inline', ...attrs }, fields, h('button', { type: 'submit' }, label));
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(element).entries());
    const button = element.querySelector('button[type=submit]');
    button.disabled = true;
    try { await onSubmit(values, element); } finally { button.disabled = false; }
  });
  return element;
}

export function field(name, placeholder, attrs = {}) {
  return h('input', { name, placeholder, 'aria-label': placeholder, ...attrs });
}

// `work` at most once per `ms`, after the last call (a burst of live events redraws a view once).
export function debounce(work, ms = 300) {
  let timer = null;
  return () => { clearTimeout(timer); timer = setTimeout(work, ms); };
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), children);
}
