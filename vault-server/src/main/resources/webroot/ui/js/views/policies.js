import { get, post, list, capabilities, can } from '../api.js';
import { h, show, errorBox } from '../dom.js';

/** #/policies[/<name>]: view, and edit with the server's validation errors next to the text. */
export async function policiesView(main, { args }) {
  const name = args[0] ? decodeURIComponent(args[0]) : '';
  const body = h('div');
  show(main, h('h1', {}, 'Policies'), body);
  try {
    if (!name) {
      const names = await list('sys/policies/acl');
      return show(
        body,
        h('ul', { class: 'listing', id: 'policy-list' }, names.map((n) => h('li', {}, h('a', { href: `#/policies/${encodeURIComponent(n)}` }, n)))),
      );
    }
    const path = `sys/policies/acl/${name}`;
    const [policy, caps] = await Promise.all([get(path), capabilities([path])]);
    const text = h('textarea', { id: 'policy-text', rows: 20, spellcheck: 'false', 'aria-describedby': 'policy-errors', 'aria-label': `Policy ${name}` });
    text.value = (policy.data && policy.data.policy) || policy.policy || '';
    const editable = can(caps[path], 'update', 'create') && name !== 'root';
    text.readOnly = !editable;
    const errors = h('div', { id: 'policy-errors', 'aria-live': 'polite' });
    show(
      body,
      h('h2', { class: 'mono' }, name),
      h(
        'form',
        {
          onsubmit: async (e) => {
            e.preventDefault();
            try {
              await post(`sys/policies/acl/${encodeURIComponent(name)}`, { policy: text.value });
              show(errors, h('p', { class: 'ok', role: 'status' }, 'Saved.'));
              text.removeAttribute('aria-invalid');
            } catch (err) {
              text.setAttribute('aria-invalid', 'true');
              show(errors, errorBox(err));
            }
          },
        },
        text,
        errors,
        editable ? h('button', { type: 'submit', id: 'policy-save' }, 'Save') : h('p', { class: 'muted' }, 'Read only for this token.'),
      ),
    );
  } catch (err) {
    show(body, errorBox(err));
  }
}
