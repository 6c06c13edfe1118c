import { get, list } from '../api.js';
import { h, show, panel, errorBox, status, table, formatTime } from '../dom.js';

/** Each panel reads the API a script would read and fails on its own, showing the server's errors. */
export async function dashboardView(main) {
  const grid = h('div', { class: 'grid', id: 'dashboard' });
  show(main, h('h1', {}, 'Dashboard'), grid);
  const panels = [
    ['Vault status', vaultStatus],
    ['High availability', haStatus],
    ['Compliance (NIS2)', compliance],
    ['Audit devices', auditDevices],
    ['Backups', backups],
  ];
  await Promise.all(
    panels.map(async ([title, build]) => {
      const body = h('div', { class: 'panel-body' }, h('p', { class: 'muted' }, 'Loading…'));
      const p = panel(title, body);
      p.dataset.panel = title;
      grid.append(p);
      try {
        show(body, await build());
      } catch (err) {
        show(body, err && err.status === 404 ? h('p', { class: 'muted' }, 'Not available on this server.') : errorBox(err));
      }
    }),
  );
}

function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

async function vaultStatus() {
  const [seal, health] = await Promise.all([
    get('sys/seal-status'),
    get('sys/health?standbyok=true&perfstandbyok=true', { accept: [429, 472, 473, 501, 503] }),
  ]);
  const hsm = Object.entries(seal).filter(([k]) => k.startsWith('hsm'));
  return facts([
    ['Seal', seal.sealed ? status('failing', 'sealed') : status('ok', 'unsealed')],
    ['Seal type', seal.type],
    ['Storage', seal.storage_type],
    ['Version', seal.version],
    ['Build date', seal.build_date],
    ['Cluster', seal.cluster_name],
    ['Standby', health && health.standby ? 'yes' : 'no'],
    ...hsm.map(([k, v]) => [k.replaceAll('_', ' '), typeof v === 'boolean' ? status(v ? 'ok' : 'failing', String(v)) : String(v)]),
  ]);
}

async function haStatus() {
  const leader = await get('sys/leader');
  if (!leader.ha_enabled) return h('p', {}, 'Single node (HA not enabled).');
  return facts([
    ['This node', leader.is_self ? 'active' : 'standby'],
    ['Leader', leader.leader_address],
    ['Active since', formatTime(leader.active_time)],
  ]);
}

/** The NIS2 report's sections: status per section and every item that is not ok. */
async function compliance() {
  const report = unwrap(await get('sys/compliance/report'));
  const sections = reportSections(report);
  return h(
    'div',
    {},
    h('p', { class: 'muted' }, `Report of ${formatTime(report.generated_at || report.created_at || report.time)}`),
    h(
      'ul',
      { class: 'findings' },
      sections.map((s) =>
        h(
          'li',
          { dataset: { status: s.status || 'unknown' } },
          status(s.status || 'unknown'),
          ' ',
          h('strong', {}, s.title || s.name || s.id),
          h(
            'ul',
            {},
            (s.items || s.findings || [])
              .filter((i) => i.status && i.status !== 'ok')
              .map((i) => h('li', { class: 'finding', dataset: { status: i.status } }, status(i.status), ' ', describe(i))),
          ),
        ),
      ),
    ),
  );
}

/** The report itself, whether served bare, under data, or beside its signature. */
function unwrap(body) {
  let r = body || {};
  if (r.data && !r.sections) r = r.data;
  if (r.report && !r.sections) r = r.report;
  return r;
}

export function reportSections(report) {
  const raw = report.sections || [];
  return Array.isArray(raw) ? raw : Object.entries(raw).map(([id, s]) => ({ id, ...s }));
}

function describe(item) {
  const text = item.message || item.detail || item.summary || item.name || item.id || '';
  const subject = item.item || item.subject || item.path || '';
  return subject && !String(text).includes(subject) ? `${subject}: ${text}` : String(text || JSON.stringify(item));
}

async function auditDevices() {
  const r = await get('sys/audit');
  const devices = Object.entries((r && r.data) || r || {}).filter(([, d]) => d && d.type);
  if (!devices.length) return h('p', {}, status('warning'), ' No audit device enabled.');
  return table(
    ['Path', 'Type', 'Description'],
    devices.map(([path, d]) => [path, d.type, d.description || '']),
  );
}

async function backups() {
  const names = await list('sys/storage/raft/snapshot-auto/config');
  const rows = await Promise.all(
    names.map(async (n) => {
      try {
        const s = (await get(`sys/storage/raft/snapshot-auto/status/${encodeURIComponent(n)}`)).data || {};
        return [n, formatTime(s.last_snapshot_time || s.last_snapshot_start), s.last_error ? status('failing', s.last_error) : status('ok')];
      } catch (err) {
        return [n, '', status('unknown')];
      }
    }),
  );
  let drill = 'never';
  try {
    const d = await get('sys/storage/snapshot-drill');
    const runs = (d.data && (d.data.drills || d.data.runs || d.data.keys)) || [];
    const last = Array.isArray(runs) && runs.length ? runs[runs.length - 1] : null;
    if (last && typeof last === 'object') drill = `${formatTime(last.started)} ${last.ok ? 'ok' : 'failed'}`;
  } catch (err) {
    drill = err.status === 404 ? 'not available' : 'unknown';
  }
  return h(
    'div',
    {},
    rows.length ? table(['Schedule', 'Last snapshot', 'State'], rows) : h('p', {}, 'No scheduled snapshot.'),
    facts([['Last restore drill', drill]]),
  );
}
