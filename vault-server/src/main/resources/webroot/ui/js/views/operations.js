import { get, post, session, capabilities, can } from '../api.js';
import { h, show, panel, field, errorBox, download, formatTime } from '../dom.js';

/** #/operations: keyring and KEK rotation, re-encryption with progress, snapshots, drills, report. */
export async function operationsView(main) {
  const paths = ['sys/rotate', 'sys/rotate/root', 'sys/reencrypt', 'sys/storage/raft/snapshot', 'sys/storage/snapshot-drill', 'sys/compliance/report'];
  const caps = await capabilities(paths);
  show(
    main,
    h('h1', {}, 'Operations'),
    can(caps['sys/rotate'], 'sudo') ? await keyringPanel(caps) : null,
    can(caps['sys/reencrypt'], 'sudo') ? reencryptPanel() : null,
    can(caps['sys/storage/raft/snapshot'], 'sudo', 'read') ? snapshotPanel(caps) : null,
    can(caps['sys/compliance/report'], 'read') ? reportPanel() : null,
  );
}

async function keyringPanel(caps) {
  const facts = h('dl', { class: 'facts', id: 'keyring-facts' });
  const out = h('div');
  const refresh = async () => {
    try {
      const s = await get('sys/key-status');
      const d = s.data || s;
      show(facts, h('dt', {}, 'Keyring term'), h('dd', { id: 'keyring-term' }, String(d.term)), h('dt', {}, 'Installed'), h('dd', {}, formatTime(d.install_time)), h('dt', {}, 'Encryptions'), h('dd', {}, String(d.encryptions)));
    } catch (err) {
      show(facts, errorBox(err));
    }
  };
  await refresh();
  const act = (id, label, path) =>
    h(
      'button',
      {
        type: 'button',
        id,
        onclick: async () => {
          if (!confirm(`${label}?`)) return;
          try {
            await post(path);
            show(out, h('p', { role: 'status' }, `${label}: done.`));
            refresh();
          } catch (err) {
            show(out, errorBox(err));
          }
        },
      },
      label,
    );
  return panel(
    'Keys',
    facts,
    act('rotate-keyring', 'Rotate the keyring', 'sys/rotate'),
    ' ',
    can(caps['sys/rotate/root'], 'sudo') ? act('rotate-kek', 'Rotate the HSM KEK', 'sys/rotate/root') : null,
    out,
  );
}

function reencryptPanel() {
  const bar = h('progress', { id: 'reencrypt-progress', max: 1, value: 0, 'aria-label': 'Re-encryption progress' });
  const text = h('p', { role: 'status', id: 'reencrypt-status' });
  const out = h('div');
  let timer = null;
  const poll = async () => {
    try {
      const d = (await get('sys/reencrypt')).data;
      const total = (d.rewritten || 0) + (d.remaining || 0);
      bar.max = Math.max(total, 1);
      bar.value = d.rewritten || 0;
      show(text, `${d.state}: ${d.rewritten || 0} rewritten, ${d.remaining || 0} remaining, ${d.failed || 0} failed`);
      if (d.state === 'running' || d.state === 'RUNNING') timer = setTimeout(poll, 1000);
    } catch (err) {
      show(out, errorBox(err));
    }
  };
  poll();
  return panel(
    'Re-encryption',
    bar,
    text,
    h(
      'button',
      {
        type: 'button',
        id: 'reencrypt-start',
        onclick: async () => {
          try {
            await post('sys/reencrypt');
            clearTimeout(timer);
            poll();
          } catch (err) {
            show(out, errorBox(err));
          }
        },
      },
      'Re-encrypt under the current keyring',
    ),
    out,
  );
}

function snapshotPanel(caps) {
  const out = h('div');
  const file = field('Snapshot file name (from a schedule directory)', { id: 'drill-file' });
  return panel(
    'Backups',
    h(
      'button',
      {
        type: 'button',
        id: 'snapshot-save',
        onclick: async () => {
          try {
            const r = await fetch('/v1/sys/storage/raft/snapshot', { headers: { 'X-Vault-Token': session.token }, cache: 'no-store' });
            if (!r.ok) throw { errors: ((await r.json().catch(() => ({}))).errors || [`HTTP ${r.status}`]) };
            download(`keyward-${new Date().toISOString().replace(/[:.]/g, '-')}.snap`, await r.blob());
          } catch (err) {
            show(out, errorBox(err));
          }
        },
      },
      'Take and download a snapshot',
    ),
    can(caps['sys/storage/snapshot-drill'], 'sudo', 'update')
      ? h(
          'form',
          {
            class: 'inline',
            onsubmit: async (e) => {
              e.preventDefault();
              try {
                const r = await post('sys/storage/snapshot-drill', { file: file.input.value.trim() });
                const d = (r && r.data) || {};
                show(out, h('p', { role: 'status' }, `Drill ${d.ok ? 'passed' : 'failed'}: ${d.entries_checked ?? '?'} entries checked`));
              } catch (err) {
                show(out, errorBox(err));
              }
            },
          },
          file.row,
          h('button', { type: 'submit', id: 'drill-run' }, 'Run a restore drill'),
        )
      : null,
    out,
  );
}

function reportPanel() {
  const out = h('div');
  const fetchReport = async (format) => {
    try {
      const r = await fetch(`/v1/sys/compliance/report${format === 'html' ? '?format=html' : ''}`, {
        headers: { 'X-Vault-Token': session.token },
        cache: 'no-store',
      });
      if (!r.ok) throw { errors: ((await r.json().catch(() => ({}))).errors || [`HTTP ${r.status}`]) };
      download(`keyward-nis2-report.${format}`, await r.blob(), format === 'html' ? 'text/html' : 'application/json');
    } catch (err) {
      show(out, errorBox(err));
    }
  };
  return panel(
    'NIS2 report',
    h('button', { type: 'button', id: 'report-json', onclick: () => fetchReport('json') }, 'Download report (JSON, signed)'),
    ' ',
    h('button', { type: 'button', id: 'report-html', onclick: () => fetchReport('html') }, 'Download report (printable HTML)'),
    out,
  );
}
