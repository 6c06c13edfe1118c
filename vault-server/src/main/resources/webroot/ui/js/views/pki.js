import { post, list, capabilities, can } from '../api.js';
import { h, show, panel, field, errorBox, table, download } from '../dom.js';

/** #/pki: issue from a role (download key and chain), list and revoke certificates. */
export async function pkiView(main) {
  const body = h('div');
  show(main, h('h1', {}, 'PKI'), body);
  try {
    const [roles, serials] = await Promise.all([list('pki/roles/'), list('pki/certs/')]);
    const caps = await capabilities(['pki/revoke', ...roles.map((r) => `pki/issue/${r}`)]);
    const issuable = roles.filter((r) => can(caps[`pki/issue/${r}`], 'update', 'create'));
    show(
      body,
      issuable.length ? issueForm(issuable) : null,
      panel(
        'Certificates',
        serials.length
          ? table(
              ['Serial', ''],
              serials.map((s) => [
                h('span', { class: 'mono' }, s),
                can(caps['pki/revoke'], 'update') ? revokeButton(s) : '',
              ]),
            )
          : h('p', { class: 'muted' }, 'No certificates issued.'),
      ),
    );
  } catch (err) {
    show(body, errorBox(err));
  }
}

function issueForm(roles) {
  const role = h('select', { id: 'pki-role' }, roles.map((r) => h('option', { value: r }, r)));
  const cn = field('Common name', { id: 'pki-cn', required: true });
  const ttl = field('TTL', { id: 'pki-ttl', placeholder: '720h' });
  const out = h('div', { id: 'pki-result' });
  return panel(
    'Issue a certificate',
    h(
      'form',
      {
        onsubmit: async (e) => {
          e.preventDefault();
          const request = { common_name: cn.input.value.trim() };
          if (ttl.input.value.trim()) request.ttl = ttl.input.value.trim();
          try {
            const r = (await post(`pki/issue/${encodeURIComponent(role.value)}`, request)).data;
            const chain = [r.certificate, ...(r.ca_chain || [r.issuing_ca])].filter(Boolean).join('\n');
            const base = request.common_name.replace(/[^A-Za-z0-9_.-]/g, '_');
            show(
              out,
              h('p', {}, 'Issued serial ', h('span', { class: 'mono', id: 'pki-serial' }, r.serial_number)),
              h('button', { type: 'button', id: 'pki-download-chain', onclick: () => download(`${base}.chain.pem`, chain, 'application/x-pem-file') }, 'Download certificate and chain'),
              ' ',
              h('button', { type: 'button', id: 'pki-download-key', onclick: () => download(`${base}.key.pem`, r.private_key, 'application/x-pem-file') }, 'Download private key'),
              h('p', { class: 'muted' }, 'The private key is not stored by Keyward: download it now.'),
            );
          } catch (err) {
            show(out, errorBox(err));
          }
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'pki-role' }, 'Role'), role),
      cn.row,
      ttl.row,
      h('button', { type: 'submit', id: 'pki-issue' }, 'Issue'),
      out,
    ),
  );
}

function revokeButton(serial) {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      onclick: async () => {
        if (!confirm(`Revoke certificate ${serial}?`)) return;
        try {
          await post('pki/revoke', { serial_number: serial });
          button.replaceWith(h('span', {}, 'revoked'));
        } catch (err) {
          button.replaceWith(errorBox(err));
        }
      },
    },
    'Revoke',
  );
  return button;
}
