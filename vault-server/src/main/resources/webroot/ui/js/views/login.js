import { api, post } from '../api.js';
import { h, show, field, errorBox } from '../dom.js';

/** Token, userpass (with TOTP when the server asks for it) and certificate login. */
export function loginView(main, onLoggedIn) {
  const tabs = [
    { id: 'token', title: 'Token', build: tokenForm },
    { id: 'userpass', title: 'Username', build: userpassForm },
    { id: 'cert', title: 'Certificate', build: certForm },
  ];
  const body = h('div', { id: 'login-body' });
  const buttons = tabs.map((t) =>
    h('button', { type: 'button', role: 'tab', id: `tab-${t.id}`, onclick: () => select(t) }, t.title),
  );
  function select(tab) {
    buttons.forEach((b) => b.setAttribute('aria-selected', String(b.id === `tab-${tab.id}`)));
    show(body, tab.build(onLoggedIn));
    const first = body.querySelector('input');
    if (first) first.focus();
  }
  show(
    main,
    h(
      'section',
      { class: 'login panel', 'aria-label': 'Log in' },
      h('h1', {}, 'Log in to Keyward'),
      h('div', { role: 'tablist', class: 'tabs' }, buttons),
      body,
    ),
  );
  select(tabs[0]);
}

function tokenForm(onLoggedIn) {
  const token = field('Token', { type: 'password', autocomplete: 'off', required: true, id: 'login-token' });
  const out = h('div');
  return h(
    'form',
    {
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api('GET', 'auth/token/lookup-self', undefined, {
            anonymous: true,
            headers: { 'X-Vault-Token': token.input.value.trim() },
          });
          onLoggedIn(token.input.value.trim());
        } catch (err) {
          show(out, errorBox(err));
        }
      },
    },
    token.row,
    h('button', { type: 'submit', id: 'login-submit' }, 'Log in'),
    out,
  );
}

function userpassForm(onLoggedIn) {
  const mount = field('Mount', { value: 'userpass', id: 'login-mount', required: true });
  const user = field('Username', { autocomplete: 'username', id: 'login-username', required: true });
  const pass = field('Password', { type: 'password', autocomplete: 'current-password', id: 'login-password', required: true });
  const out = h('div');
  const form = h(
    'form',
    {
      onsubmit: async (e) => {
        e.preventDefault();
        const path = `auth/${encodeURIComponent(mount.input.value.trim())}/login/${encodeURIComponent(user.input.value.trim())}`;
        try {
          const r = await post(path, { password: pass.input.value }, { anonymous: true });
          pass.input.value = '';
          const auth = (r && r.auth) || {};
          if (auth.client_token) return onLoggedIn(auth.client_token);
          if (auth.mfa_requirement) return show(out, mfaForm(auth.mfa_requirement, onLoggedIn));
          show(out, errorBox('the server answered without a token'));
        } catch (err) {
          show(out, errorBox(err));
        }
      },
    },
    mount.row,
    user.row,
    pass.row,
    h('button', { type: 'submit', id: 'login-submit' }, 'Log in'),
    out,
  );
  return form;
}

/** Vault's login MFA: one passcode per TOTP method the constraints name, then sys/mfa/validate. */
function mfaForm(requirement, onLoggedIn) {
  const methods = [];
  for (const constraint of Object.values(requirement.mfa_constraints || {})) {
    for (const m of constraint.any || []) methods.push(m);
  }
  const method = methods.find((m) => m.type === 'totp') || methods[0];
  const code = field('Authenticator code', {
    id: 'login-totp',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '[0-9]{6,8}',
    required: true,
  });
  const out = h('div');
  const form = h(
    'form',
    {
      class: 'mfa',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const r = await post(
            'sys/mfa/validate',
            { mfa_request_id: requirement.mfa_request_id, mfa_payload: { [method.id]: [code.input.value.trim()] } },
            { anonymous: true },
          );
          onLoggedIn(r.auth.client_token);
        } catch (err) {
          code.input.value = '';
          show(out, errorBox(err));
        }
      },
    },
    h('p', {}, 'This login needs a second factor.'),
    code.row,
    h('button', { type: 'submit', id: 'login-mfa-submit' }, 'Verify'),
    out,
  );
  setTimeout(() => code.input.focus(), 0);
  return form;
}

function certForm(onLoggedIn) {
  const mount = field('Mount', { value: 'cert', id: 'login-cert-mount', required: true });
  const role = field('Role (optional)', { id: 'login-cert-role' });
  const out = h('div');
  return h(
    'form',
    {
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const body = role.input.value.trim() ? { name: role.input.value.trim() } : {};
          const r = await post(`auth/${encodeURIComponent(mount.input.value.trim())}/login`, body, { anonymous: true });
          onLoggedIn(r.auth.client_token);
        } catch (err) {
          show(out, errorBox(err));
        }
      },
    },
    h('p', { class: 'muted' }, 'Uses the client certificate your browser presents to this server.'),
    mount.row,
    role.row,
    h('button', { type: 'submit' }, 'Log in with certificate'),
    out,
  );
}
