// The boundary ring's in/out board, watch lists, and alerts: the list, acknowledgement, and a live stream read with
// fetch (EventSource cannot send the Authorization header; tokens never go into URLs).
import {api, token, url} from './api.js';
import {caseBar, caseQuery} from './casebar.js';
import {fill, h, instantOf, localInput, when} from './dom.js';
import {t} from './i18n.js';

export async function ringPage(root) {
  const now = new Date();
  const region = h('input', {id: 'ring-region', maxlength: 512, placeholder: '湘潭县'});
  const from = h('input', {type: 'datetime-local', step: 1, value: localInput(new Date(now - 86400e3))});
  const to = h('input', {type: 'datetime-local', step: 1, value: localInput(now)});
  const out = h('div', {class: 'ring-board', id: 'ring-board'});
  const note = h('p', {class: 'error'});
  fill(root, h('h2', {}, t('ring')), caseBar(),
    h('form', {class: 'bar', onsubmit: (e) => { e.preventDefault(); show().catch((err) => { note.textContent = err.message; }); }},
      h('label', {}, t('region'), ' ', region), h('label', {}, t('from'), ' ', from), h('label', {}, t('to'), ' ', to),
      h('button', {type: 'submit'}, t('show'))), note, out);

  async function show() {
    note.textContent = '';
    const q = {region: region.value.trim(), from: instantOf(from.value), to: instantOf(to.value), ...caseQuery()};
    const [entered, left, inside, counts] = await Promise.all([
      api('/ring/entered', {query: {...q, limit: 200}}), api('/ring/left', {query: {...q, limit: 200}}),
      api('/ring/inside', {query: {region: q.region, at: q.to, limit: 200, caseReference: q.caseReference,
        purpose: q.purpose}}),
      api('/ring/counts', {query: q})]);
    const crossings = (title, list) => h('section', {}, h('h3', {}, `${title} (${list.items.length})`),
      h('table', {class: 'grid'}, h('tbody', {}, list.items.map((c) => h('tr', {},
        h('td', {}, when(c.time)), h('td', {class: 'plate'}, h('a', {href: `#/trajectory/${encodeURIComponent(c.plate)}`}, c.plate)),
        h('td', {}, c.camera))))));
    const totals = new Map();
    counts.items.forEach((c) => {
      const x = totals.get(c.camera) || {in: 0, out: 0};
      x.in += c.in;
      x.out += c.out;
      totals.set(c.camera, x);
    });
    fill(out, h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, h('th', {}, t('camera')), h('th', {}, t('entered')),
      h('th', {}, t('left')))), h('tbody', {}, [...totals].map(([cam, x]) => h('tr', {}, h('td', {}, cam),
      h('td', {class: 'num'}, x.in), h('td', {class: 'num'}, x.out))))),
    h('div', {class: 'columns'}, crossings(t('entered'), entered), crossings(t('left'), left), crossings(t('inside'), inside)));
  }
}

export async function watchlistsPage(root) {
  const body = h('tbody', {});
  const name = h('input', {maxlength: 128, id: 'wl-name'});
  const reason = h('input', {maxlength: 512, id: 'wl-reason'});
  const caseRef = h('input', {maxlength: 128, id: 'wl-case'});
  const expires = h('input', {type: 'datetime-local', step: 1, value: localInput(new Date(Date.now() + 30 * 86400e3))});
  const plates = h('textarea', {rows: 4, id: 'wl-plates'});
  const note = h('p', {class: 'error'});
  fill(root, h('h2', {}, t('watchlists')),
    h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, ['name', 'reason', 'caseReference', 'expiresAt', 'plate', '']
      .map((k) => h('th', {}, k ? t(k) : '')))), body),
    h('form', {class: 'stack', onsubmit: (e) => { e.preventDefault(); create().catch((err) => { note.textContent = err.message; }); }},
      h('h3', {}, t('newWatchlist')), h('label', {}, t('name'), name), h('label', {}, t('reason'), reason),
      h('label', {}, t('caseReference'), caseRef), h('label', {}, t('expiresAt'), expires), h('label', {}, t('plates'), plates),
      h('button', {type: 'submit'}, t('create')), note));

  async function refresh() {
    const list = await api('/watchlists');
    fill(body, list.items.map((w) => h('tr', {class: w.active ? '' : 'inactive'},
      h('td', {}, w.name), h('td', {}, w.reason), h('td', {}, w.caseReference), h('td', {}, when(w.expiresAt)),
      h('td', {class: 'wrap'}, w.plates.slice(0, 20).join(' ') + (w.plates.length > 20 ? ` … (${w.plates.length})` : '')),
      h('td', {}, h('button', {onclick: () => api(`/watchlists/${w.id}`, {method: 'DELETE', query: {caseReference: w.caseReference}})
        .then(refresh, (err) => { note.textContent = err.message; })}, t('delete'))))));
  }

  async function create() {
    note.textContent = '';
    await api('/watchlists', {method: 'POST', body: {name: name.value.trim(), reason: reason.value.trim(),
      caseReference: caseRef.value.trim() || undefined, expiresAt: instantOf(expires.value),
      plates: plates.value.split(/\s+/).map((p) => p.trim()).filter(Boolean)}});
    await refresh();
  }
  await refresh();
}

export async function alertsPage(root) {
  const body = h('tbody', {id: 'alert-rows'});
  const live = h('span', {class: 'badge', id: 'alert-stream'}, '…');
  fill(root, h('h2', {}, t('alerts'), ' ', live),
    h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, ['time', 'plate', 'camera', 'watchlists', 'reason', '']
      .map((k) => h('th', {}, k ? t(k) : '')))), body));
  const row = (a) => h('tr', {class: a.acknowledged ? '' : 'unacked', dataset: {alert: a.id}},
    h('td', {}, when(a.time)), h('td', {class: 'plate'}, a.plate), h('td', {}, a.camera), h('td', {}, a.watchlist.name),
    h('td', {}, a.reason),
    h('td', {}, a.acknowledged ? a.acknowledgedBy : h('button', {onclick: async () => {
      const done = await api(`/alerts/${a.id}/acknowledge`, {method: 'POST', body: {}});
      document.querySelector(`tr[data-alert="${done.id}"]`).replaceWith(row(done));
    }}, t('acknowledge'))));
  const list = await api('/alerts', {query: {limit: 200}});
  fill(body, list.items.map(row));
  const stop = new AbortController();
  stream(stop.signal, (a) => body.prepend(row(a)), (s) => { live.textContent = `${t('liveAlerts')}: ${s}`; });
  return () => stop.abort();
}

/** Reads the alert stream, reconnecting with Last-Event-ID so nothing is missed. */
async function stream(signal, onAlert, onState) {
  let last = null;
  while (!signal.aborted) {
    try {
      const headers = {Authorization: `Bearer ${token()}`, Accept: 'text/event-stream'};
      if (last) headers['Last-Event-ID'] = last;
      const res = await fetch(url('/alerts/stream'), {headers, signal});
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      onState('✓');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let data = '';
          for (const line of event.split('\n')) {
            if (line.startsWith('id:')) last = line.slice(3).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trim();
          }
          if (data) onAlert(JSON.parse(data));
        }
      }
    } catch (err) {
      if (signal.aborted) return;
      onState('×');
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
}
