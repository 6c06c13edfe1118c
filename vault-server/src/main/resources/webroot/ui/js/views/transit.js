import { get, post, list, capabilities, can } from '../api.js';
import { h, show, panel, errorBox, table, formatTime } from '../dom.js';

/** #/transit[/<key>]: keys with their versions; rotate and min_decryption_version where allowed. */
export async function transitView(main, { args }) {
  const name = args[0] ? decodeURIComponent(args[0]) : '';
  const body = h('div');
  show(main, h('h1', {}, 'Transit keys'), body);
  try {
    if (!name) {
      const keys = await list('transit/keys');
      return show(
        body,
        keys.length
          ? h('ul', { class: 'listing', id: 'transit-list' }, keys.map((k) => h('li', {}, h('a', { href: `#/transit/${encodeURIComponent(k)}` }, k))))
          : h('p', { class: 'muted' }, 'No transit keys.'),
      );
    }
    await keyDetail(body, name);
  } catch (err) {
    show(body, errorBox(err));
  }
}

async function keyDetail(body, name) {
  const key = (await get(`transit/keys/${encodeURIComponent(name)}`)).data;
  const rotatePath = `transit/keys/${name}/rotate`;
  const configPath = `transit/keys/${name}/config`;
  const caps = await capabilities([rotatePath, configPath]);
  const out = h('div');
  const versions = Object.entries(key.keys || {}).sort((a, b) => Number(b[0]) - Number(a[0]));
  const reload = () => keyDetail(body, name);
  const minSelect = h(
    'select',
    { id: 'transit-min-version', 'aria-label': 'Minimum decryption version' },
    versions.map(([v]) => h('option', { value: v, selected: Number(v) === key.min_decryption_version }, v)),
  );
  show(
    body,
    h('h2', { class: 'mono' }, name),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Type'),
      h('dd', {}, key.type),
      h('dt', {}, 'Latest version'),
      h('dd', { id: 'transit-latest' }, String(key.latest_version)),
      h('dt', {}, 'Minimum decryption version'),
      h('dd', {}, String(key.min_decryption_version)),
      h('dt', {}, 'Exportable'),
      h('dd', {}, key.exportable ? 'yes' : 'no'),
    ),
    panel(
      'Versions',
      table(
        ['Version', 'Created'],
        versions.map(([v, created]) => [v, formatTime(typeof created === 'object' ? created.creation_time : created)]),
      ),
    ),
    can(caps[rotatePath], 'update')
      ? h(
          'button',
          {
            type: 'button',
            id: 'transit-rotate',
            onclick: async () => {
              try {
                await post(`transit/keys/${encodeURIComponent(name)}/rotate`);
                reload();
              } catch (err) {
                show(out, errorBox(err));
              }
            },
          },
          'Rotate key',
        )
      : null,
    can(caps[configPath], 'update')
      ? h(
          'form',
          {
            class: 'inline',
            onsubmit: async (e) => {
              e.preventDefault();
              try {
                await post(`transit/keys/${encodeURIComponent(name)}/config`, { min_decryption_version: Number(minSelect.value) });
                reload();
              } catch (err) {
                show(out, errorBox(err));
              }
            },
          },
          h('label', { for: 'transit-min-version' }, 'Minimum decryption version '),
          minSelect,
          h('button', { type: 'submit' }, 'Apply'),
        )
      : null,
    out,
  );
}
