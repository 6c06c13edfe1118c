// Builds elements with text nodes only: nothing the server returns is ever parsed as HTML.

/** h('p', {class: 'x', onclick: fn}, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of el. */
export function show(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let fieldCounter = 0;

/** A labelled input; returns {row, input}. */
export function field(label, attrs = {}) {
  const id = attrs.id || `f${++fieldCounter}`;
  const tag = attrs.multiline ? 'textarea' : 'input';
  const { multiline, ...rest } = attrs;
  const input = h(tag, { id, name: id, ...rest });
  return { row: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
}

/** A panel with a heading. */
export function panel(title, ...body) {
  return h('section', { class: 'panel', 'aria-label': title }, h('h2', {}, title), ...body);
}

/** The server's errors (or a message) in a live region. */
export function errorBox(err) {
  const messages = err && err.errors ? err.errors : [String(err && err.message ? err.message : err)];
  return h('div', { class: 'error', role: 'alert' }, ...messages.map((m) => h('p', {}, m)));
}

export function status(state, text) {
  return h('span', { class: `status status-${state}` }, text || state);
}

/** A table from rows of cells. */
export function table(headers, rows) {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))),
  );
}

/** Offers text as a file download, without a server round trip. */
export function download(filename, text, type = 'application/octet-stream') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function formatTime(value) {
  if (!value) return '';
  const d = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return isNaN(d) ? String(value) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
