import { get, list } from '../api.js';
import { h, show, panel, errorBox, table } from '../dom.js';

// Where each auth method type keeps its roles or users.
const MEMBERS = { approle: 'role', userpass: 'users', cert: 'certs' };

/** #/access: auth methods with their roles and users, and the audit devices. */
export async function accessView(main) {
  const methods = h('div');
  const audit = h('div');
  show(main, h('h1', {}, 'Access'), panel('Auth methods', methods), panel('Audit devices', audit));
  await Promise.all([fill(methods, authMethods), fill(audit, auditDevices)]);
}

async function fill(el, build) {
  try {
    show(el, await build());
  } catch (err) {
    show(el, errorBox(err));
  }
}

async function authMethods() {
  const r = await get('sys/auth');
  const mounts = Object.entries((r && r.data) || r || {}).filter(([, m]) => m && m.type);
  const rows = await Promise.all(
    mounts.map(async ([path, m]) => {
      const member = MEMBERS[m.type];
      let members = '';
      if (member) {
        try {
          members = (await list(`auth/${path}${member}`)).join(', ');
        } catch (err) {
          members = '(not permitted)';
        }
      }
      return [h('span', { class: 'mono' }, path), m.type, m.accessor || '', members];
    }),
  );
  return table(['Path', 'Type', 'Accessor', 'Roles / users'], rows);
}

async function auditDevices() {
  const r = await get('sys/audit');
  const devices = Object.entries((r && r.data) || r || {}).filter(([, d]) => d && d.type);
  return devices.length
    ? table(['Path', 'Type', 'Options'], devices.map(([p, d]) => [p, d.type, Object.entries(d.options || {}).map(([k, v]) => `${k}=${v}`).join(' ')]))
    : h('p', {}, 'No audit device enabled.');
}
