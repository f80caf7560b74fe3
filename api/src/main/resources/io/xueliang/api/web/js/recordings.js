// Recordings: a camera's timeline with its gaps, playback in the page (seekable: the server's MP4 has a sidx and
// answers ranges), evidence holds and exports with their download.
import {all, api, enc, mediaUrl} from './api.js';
import {bytes, fill, h, instantOf, localInput, when} from './dom.js';
import {t} from './i18n.js';

const EXPORTS = 'xl.exports';

export async function recordingsPage(root, session, [cameraArg]) {
  const cams = await all('/cameras');
  const now = new Date();
  const camera = h('select', {id: 'rec-camera'}, cams.map((c) => h('option', {value: c.id, selected: c.id === cameraArg},
    c.name ? `${c.name} (${c.id})` : c.id)));
  const from = h('input', {type: 'datetime-local', id: 'rec-from', step: 1, value: localInput(new Date(now - 3600e3))});
  const to = h('input', {type: 'datetime-local', id: 'rec-to', step: 1, value: localInput(now)});
  const timeline = h('div', {class: 'timeline', id: 'timeline', title: t('playHint')});
  const summary = h('p', {class: 'hint', id: 'rec-summary'});
  const video = h('video', {id: 'playback', controls: true, muted: true, playsinline: true});
  const caseRef = h('input', {id: 'case-ref', maxlength: 64, placeholder: 'XJ-2026-0001'});
  const reason = h('input', {id: 'case-reason', maxlength: 512});
  const holdList = h('tbody', {});
  const exportList = h('tbody', {id: 'export-list'});
  const note = h('p', {class: 'error', id: 'rec-error'});
  let range = null;

  fill(root, h('h2', {}, t('recordings')),
    h('form', {class: 'bar', onsubmit: (e) => { e.preventDefault(); show().catch(fail); }},
      h('label', {}, t('camera'), ' ', camera), h('label', {}, t('from'), ' ', from), h('label', {}, t('to'), ' ', to),
      h('button', {type: 'submit', id: 'rec-show'}, t('show'))),
    timeline, summary, video, note,
    h('fieldset', {}, h('legend', {}, `${t('holds')} / ${t('exports')}`),
      h('label', {}, t('caseReference'), ' ', caseRef), h('label', {}, t('reason'), ' ', reason),
      h('button', {id: 'hold', onclick: () => hold().catch(fail)}, t('addHold')),
      h('button', {id: 'export', onclick: () => startExport().catch(fail)}, t('exportRange'))),
    h('h3', {}, t('exports')),
    h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, ['time', 'camera', 'caseReference', 'status', 'progress', '']
      .map((k) => h('th', {}, k ? t(k) : '')))), exportList),
    h('h3', {}, t('holds')),
    h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, ['camera', 'from', 'to', 'caseReference', 'status', '']
      .map((k) => h('th', {}, k ? t(k) : '')))), holdList));

  function fail(err) {
    note.textContent = err.field ? `${err.field}: ${err.message}` : err.message;
  }

  function chosen() {
    const f = instantOf(from.value);
    const e = instantOf(to.value);
    if (!f || !e || f >= e) throw new Error(`${t('from')} < ${t('to')}`);
    return {from: f, to: e};
  }

  async function show() {
    note.textContent = '';
    range = chosen();
    const list = await api(`/cameras/${enc(camera.value)}/recordings`, {query: range});
    const start = Date.parse(range.from);
    const span = Date.parse(range.to) - start;
    const bar = (a, b, cls) => {
      const left = Math.max(0, (Date.parse(a) - start) / span) * 100;
      const width = Math.max(0.2, (Math.min(Date.parse(b), start + span) - Math.max(Date.parse(a), start)) / span * 100);
      return h('span', {class: cls, style: {left: `${left}%`, width: `${width}%`}, title: `${when(a)} – ${when(b)}`});
    };
    fill(timeline, list.segments.map((s) => bar(s.start, s.end, 'seg')), list.gaps.map((g) => bar(g.start, g.end, 'gap')));
    timeline.dataset.segments = String(list.segments.length);
    summary.textContent = `${t('segments')}: ${list.segments.length}, ${t('gaps')}: ${list.gaps.length}, `
      + bytes(list.segments.reduce((n, s) => n + s.bytes, 0)) + (list.truncated ? ' …' : '');
    if (list.segments.length) await play(new Date(Math.max(start, Date.parse(list.segments[0].start))));
    await refreshHolds();
  }

  timeline.addEventListener('click', (e) => {
    if (!range) return;
    const r = timeline.getBoundingClientRect();
    const start = Date.parse(range.from);
    play(new Date(start + (e.clientX - r.left) / r.width * (Date.parse(range.to) - start))).catch(fail);
  });

  async function play(at) {
    const path = `/api/v1/cameras/${enc(camera.value)}/playback.mp4`;
    video.src = await mediaUrl(path, {from: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), to: range.to});
    video.dataset.from = at.toISOString();
    await video.play().catch(() => {});
  }

  function caseBody() {
    return {caseReference: caseRef.value.trim(), reason: reason.value.trim()};
  }

  async function hold() {
    const r = range || chosen();
    const b = caseBody();
    await api('/holds', {method: 'POST', body: {camera: camera.value, from: r.from, to: r.to,
      caseReference: b.caseReference, reason: b.reason || undefined}});
    await refreshHolds();
  }

  async function refreshHolds() {
    const list = await api('/holds', {query: {camera: camera.value}});
    fill(holdList, list.items.map((x) => h('tr', {},
      h('td', {}, x.camera), h('td', {}, when(x.from)), h('td', {}, when(x.to)), h('td', {}, x.caseReference),
      h('td', {}, x.active ? '✓' : x.releasedBy || ''),
      h('td', {}, x.active ? h('button', {onclick: () => api(`/holds/${x.id}`, {method: 'DELETE'}).then(refreshHolds, fail)},
        t('release')) : ''))));
  }

  async function startExport() {
    const r = range || chosen();
    const job = await api('/exports', {method: 'POST', body: {cameras: [camera.value], from: r.from, to: r.to, ...caseBody()}});
    const mine = JSON.parse(sessionStorage.getItem(EXPORTS) || '[]');
    mine.unshift({id: job.id, camera: camera.value, at: new Date().toISOString(), caseReference: caseRef.value.trim()});
    sessionStorage.setItem(EXPORTS, JSON.stringify(mine.slice(0, 20)));
    await refreshExports();
  }

  async function refreshExports() {
    const mine = JSON.parse(sessionStorage.getItem(EXPORTS) || '[]');
    const rows = await Promise.all(mine.map(async (x) => {
      const job = await api(`/exports/${enc(x.id)}`).catch(() => null);
      return h('tr', {dataset: {export: x.id, status: job ? job.status : 'gone'}},
        h('td', {}, when(x.at)), h('td', {}, x.camera), h('td', {}, x.caseReference),
        h('td', {}, job ? job.status + (job.error ? `: ${job.error}` : '') : '—'),
        h('td', {class: 'num'}, job ? `${Math.round(job.progress * 100)} %` : ''),
        h('td', {}, job && job.status === 'done' ? h('button', {class: 'download', onclick: () => download(x.id).catch(fail)},
          `${t('download')} (${bytes(job.bytes || 0)})`) : ''));
    }));
    fill(exportList, rows);
  }

  async function download(id) {
    const a = h('a', {href: await mediaUrl(`/api/v1/exports/${id}/download`), download: `export-${id}.zip`});
    document.body.append(a);
    a.click();
    a.remove();
  }

  await refreshExports();
  const timer = setInterval(() => refreshExports().catch(() => {}), 2000);
  if (cameraArg) await show().catch(fail);
  return () => clearInterval(timer);
}
