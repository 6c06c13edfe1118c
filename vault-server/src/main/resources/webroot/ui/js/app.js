import { session, get, capabilities, can } from './api.js';
import { h, show } from './dom.js';
import { loginView } from './views/login.js';
import { dashboardView } from './views/dashboard.js';
import { kvView } from './views/kv.js';
import { transitView } from './views/transit.js';
import { pkiView } from './views/pki.js';
import { policiesView } from './views/policies.js';
import { accessView } from './views/access.js';
import { operationsView } from './views/operations.js';

// Each section, the capability paths that make it worth showing, and its view.
const SECTIONS = [
  { id: 'dashboard', title: 'Dashboard', needs: [], view: dashboardView },
  { id: 'kv', title: 'Secrets', needs: [['secret/metadata/', 'list']], view: kvView },
  { id: 'transit', title: 'Transit', needs: [['transit/keys', 'list']], view: transitView },
  { id: 'pki', title: 'PKI', needs: [['pki/roles/', 'list'], ['pki/certs/', 'list']], view: pkiView },
  { id: 'policies', title: 'Policies', needs: [['sys/policies/acl', 'list', 'read']], view: policiesView },
  { id: 'access', title: 'Access', needs: [['sys/auth', 'read'], ['sys/audit', 'sudo']], view: accessView },
  {
    id: 'operations',
    title: 'Operations',
    needs: [['sys/rotate', 'sudo'], ['sys/storage/raft/snapshot', 'read'], ['sys/compliance/report', 'read']],
    view: operationsView,
  },
];

const state = { caps: {}, self: null };

async function loadSession() {
  const self = await get('auth/token/lookup-self');
  state.self = self.data;
  const paths = [...new Set(SECTIONS.flatMap((s) => s.needs.map((n) => n[0])))];
  state.caps = await capabilities(paths);
}

function visible(section) {
  return section.needs.length === 0 || section.needs.some(([path, ...caps]) => can(state.caps[path], ...caps));
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  nav.hidden = false;
  show(
    nav,
    h(
      'ul',
      {},
      SECTIONS.filter(visible).map((s) =>
        h('li', {}, h('a', { href: `#/${s.id}`, 'aria-current': s.id === current ? 'page' : false }, s.title)),
      ),
    ),
  );
  const who = document.getElementById('who');
  const policies = (state.self && state.self.policies) || [];
  show(who, state.self ? `${state.self.display_name || 'token'} · ${policies.join(', ')}` : '');
  document.getElementById('logout').hidden = false;
}

async function route() {
  const main = document.getElementById('main');
  if (!session.token) {
    document.getElementById('nav').hidden = true;
    document.getElementById('logout').hidden = true;
    show(document.getElementById('who'));
    loginView(main, onLoggedIn);
    return;
  }
  if (!state.self) {
    try {
      await loadSession();
    } catch (e) {
      session.token = null;
      state.self = null;
      return route();
    }
  }
  const id = (location.hash.replace(/^#\/?/, '').split('/')[0] || 'dashboard');
  // The nav lists only what the token may use; a link to another section still opens it (a token
  // may read one folder without listing the mount), and the server decides each request there.
  const section = SECTIONS.find((s) => s.id === id) || SECTIONS[0];
  renderNav(section.id);
  document.title = `${section.title} · Keyward console`;
  show(main, h('p', { class: 'muted' }, 'Loading…'));
  await section.view(main, { caps: state.caps, self: state.self, args: location.hash.split('/').slice(2) });
}

function onLoggedIn(token) {
  session.token = token;
  state.self = null;
  location.hash = '#/dashboard';
  route();
}

document.getElementById('logout').addEventListener('click', () => {
  session.token = null;
  state.self = null;
  state.caps = {};
  location.hash = '';
  route();
});
window.addEventListener('hashchange', route);
route();
