import { get, post, list, capabilities, can } from '../api.js';
import { h, show, panel, field, errorBox, table, formatTime } from '../dom.js';

const MASK = '••••••••';

/** #/kv/<mount>/<folder or secret path>: browse, read (masked), edit, versions. */
export async function kvView(main, { args }) {
  const mount = args[0] || 'secret';
  const path = args.slice(1).map(decodeURIComponent).join('/');
  if (!path || path.endsWith('/')) return folder(main, mount, path);
  return secret(main, mount, path);
}

function link(mount, path, text) {
  return h('a', { href: `#/kv/${mount}/${path.split('/').map(encodeURIComponent).join('/')}` }, text);
}

function crumbs(mount, path) {
  const parts = path.split('/').filter(Boolean);
  const out = [link(mount, '', `${mount}/`)];
  let acc = '';
  for (const p of parts) {
    acc += `${p}/`;
    out.push(' ', link(mount, acc, `${p}/`));
  }
  return h('nav', { class: 'crumbs', 'aria-label': 'Path' }, out);
}

async function folder(main, mount, path) {
  const body = h('div');
  show(main, h('h1', {}, 'Secrets'), crumbs(mount, path), body);
  try {
    const keys = await list(`${mount}/metadata/${path}`);
    const caps = await capabilities([`${mount}/data/${path}new`]);
    show(
      body,
      keys.length
        ? h('ul', { class: 'listing', id: 'kv-list' }, keys.map((k) => h('li', {}, link(mount, path + k, k))))
        : h('p', { class: 'muted' }, 'Nothing here yet.'),
      can(caps[`${mount}/data/${path}new`], 'create', 'update') ? newSecretForm(mount, path) : null,
    );
  } catch (err) {
    show(body, errorBox(err));
  }
}

function newSecretForm(mount, base) {
  const name = field('New secret path', { id: 'kv-new-path', required: true, placeholder: 'devices/olt-17' });
  return h(
    'form',
    {
      class: 'inline',
      onsubmit: (e) => {
        e.preventDefault();
        location.hash = `#/kv/${mount}/${(base + name.input.value.trim()).split('/').map(encodeURIComponent).join('/')}?new`;
      },
    },
    name.row,
    h('button', { type: 'submit' }, 'Create'),
  );
}

async function secret(main, mount, rawPath) {
  const isNew = rawPath.endsWith('?new');
  const path = rawPath.replace(/\?new$/, '');
  const body = h('div', { id: 'kv-secret' });
  show(main, h('h1', {}, 'Secret'), crumbs(mount, path.replace(/[^/]*$/, '')), h('h2', { class: 'mono' }, path), body);
  const dataPath = `${mount}/data/${path}`;
  const caps = (await capabilities([dataPath]))[dataPath];
  let current = { data: {}, metadata: { version: 0 } };
  let versions = {};
  if (!isNew) {
    try {
      const [d, m] = await Promise.all([get(dataPath), get(`${mount}/metadata/${path}`)]);
      current = d.data;
      versions = (m.data && m.data.versions) || {};
    } catch (err) {
      if (err.status !== 404) return show(body, errorBox(err));
    }
  }
  const render = (entry) =>
    show(
      body,
      valuesTable(entry.data || {}),
      can(caps, 'create', 'update') ? editForm(mount, path, entry, () => secret(main, mount, path)) : null,
      versionsTable(mount, path, versions, render),
    );
  render(current);
}

function valuesTable(data) {
  const rows = Object.entries(data).map(([key, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const cell = h('span', { class: 'secret-value mono', dataset: { key } }, MASK);
    let revealed = false;
    const reveal = h(
      'button',
      {
        type: 'button',
        class: 'reveal',
        'aria-pressed': 'false',
        onclick: () => {
          revealed = !revealed;
          cell.textContent = revealed ? text : MASK;
          reveal.textContent = revealed ? 'Hide' : 'Reveal';
          reveal.setAttribute('aria-pressed', String(revealed));
        },
      },
      'Reveal',
    );
    const copy = h(
      'button',
      {
        type: 'button',
        class: 'copy',
        onclick: async () => {
          try {
            await navigator.clipboard.writeText(text);
            copy.textContent = 'Copied';
          } catch (e) {
            copy.textContent = 'Copy failed';
          }
          setTimeout(() => (copy.textContent = 'Copy'), 1500);
        },
      },
      'Copy',
    );
    return [h('span', { class: 'mono' }, key), cell, h('span', {}, reveal, ' ', copy)];
  });
  return rows.length ? table(['Key', 'Value', ''], rows) : h('p', { class: 'muted' }, 'No data in this version.');
}

function editForm(mount, path, entry, done) {
  const rows = h('div', { class: 'kv-rows' });
  const addRow = (key = '', value = '') => {
    const k = h('input', { 'aria-label': 'Key', class: 'kv-key', value: key });
    // The value goes into the property, not the attribute, so it never shows in the DOM's markup.
    const v = h('input', { 'aria-label': 'Value', class: 'kv-value', type: 'password', autocomplete: 'off' });
    v.value = value;
    const row = h('div', { class: 'kv-row' }, k, v, h('button', { type: 'button', onclick: () => row.remove() }, 'Remove'));
    rows.append(row);
  };
  const data = entry.data || {};
  Object.entries(data).forEach(([k, v]) => addRow(k, typeof v === 'string' ? v : JSON.stringify(v)));
  if (!Object.keys(data).length) addRow();
  const out = h('div');
  return panel(
    'Write a new version',
    h(
      'form',
      {
        id: 'kv-edit',
        onsubmit: async (e) => {
          e.preventDefault();
          const next = {};
          for (const row of rows.querySelectorAll('.kv-row')) {
            const key = row.querySelector('.kv-key').value.trim();
            if (key) next[key] = row.querySelector('.kv-value').value;
          }
          try {
            const cas = (entry.metadata && entry.metadata.version) || 0;
            await post(`${mount}/data/${path}`, { data: next, options: { cas } });
            done();
          } catch (err) {
            show(out, errorBox(err));
          }
        },
      },
      rows,
      h('button', { type: 'button', onclick: () => addRow() }, 'Add field'),
      ' ',
      h('button', { type: 'submit', id: 'kv-save' }, 'Save'),
      out,
    ),
  );
}

function versionsTable(mount, path, versions, render) {
  const entries = Object.entries(versions).sort((a, b) => Number(b[0]) - Number(a[0]));
  if (!entries.length) return null;
  return panel(
    'Versions',
    table(
      ['Version', 'Created', 'State', ''],
      entries.map(([v, meta]) => [
        v,
        formatTime(meta.created_time),
        meta.destroyed ? 'destroyed' : meta.deletion_time ? 'deleted' : 'live',
        meta.destroyed || meta.deletion_time
          ? ''
          : h(
              'button',
              {
                type: 'button',
                onclick: async () => {
                  const d = await get(`${mount}/data/${path}?version=${v}`);
                  render(d.data);
                },
              },
              'Show',
            ),
      ]),
    ),
  );
}
