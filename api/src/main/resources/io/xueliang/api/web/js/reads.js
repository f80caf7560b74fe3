// Plate search (exact and patterns, partial, fuzzy), one read with its pictures, a vehicle's trajectory as a
// timeline and a map of camera positions (tiles from the configured XYZ server, or plain coordinates).
import {api, enc, mediaUrl} from './api.js';
import {caseBar, caseQuery} from './casebar.js';
import {fill, h, instantOf, localInput, when} from './dom.js';
import {t} from './i18n.js';

export async function readsPage(root) {
  const now = new Date();
  const plate = h('input', {id: 'plate', maxlength: 40, placeholder: '湘C12345 / 湘C12* / 3?8'});
  const match = h('select', {id: 'match'}, [['exact', 'exact'], ['partial', 'partial'], ['fuzzy', 'fuzzy']]
    .map(([v, k]) => h('option', {value: v}, t(k))));
  const from = h('input', {type: 'datetime-local', step: 1, value: localInput(new Date(now - 7 * 86400e3))});
  const to = h('input', {type: 'datetime-local', step: 1, value: localInput(now)});
  const body = h('tbody', {id: 'read-rows'});
  const more = h('button', {hidden: true, onclick: () => search(false).catch(fail)}, t('more'));
  const detail = h('div', {class: 'detail', id: 'read-detail'});
  const note = h('p', {class: 'error'});
  let next = null;

  fill(root, h('h2', {}, t('reads')), caseBar(),
    h('form', {class: 'bar', onsubmit: (e) => { e.preventDefault(); search(true).catch(fail); }},
      h('label', {}, t('plate'), ' ', plate), h('label', {}, t('mode'), ' ', match),
      h('label', {}, t('from'), ' ', from), h('label', {}, t('to'), ' ', to),
      h('button', {type: 'submit', id: 'search'}, t('search'))), note,
    h('div', {class: 'split'}, h('div', {}, h('table', {class: 'grid'}, h('thead', {}, h('tr', {},
      ['time', 'camera', 'plate', 'color', 'direction', 'confidence'].map((k) => h('th', {}, t(k))))), body), more), detail));

  function fail(err) { note.textContent = err.field ? `${err.field}: ${err.message}` : err.message; }

  async function search(fresh) {
    note.textContent = '';
    if (fresh) { next = null; body.replaceChildren(); }
    const page = await api('/reads', {query: {plate: plate.value.trim() || undefined, match: match.value,
      from: instantOf(from.value), to: instantOf(to.value), cursor: next || undefined, limit: 100, ...caseQuery()}});
    page.items.forEach((r) => body.append(h('tr', {class: 'clickable', onclick: () => showRead(r.id).catch(fail)},
      h('td', {}, when(r.time)), h('td', {}, r.camera), h('td', {class: 'plate'}, r.plateText),
      h('td', {}, r.color), h('td', {}, r.direction), h('td', {class: 'num'}, r.confidence.toFixed(3)))));
    next = page.next;
    more.hidden = !next;
  }

  async function showRead(id) {
    const q = caseQuery();
    const r = await api(`/reads/${enc(id)}`, {query: q});
    const pic = async (kind) => (r.images && r.images[kind]
      ? h('img', {alt: kind, src: await mediaUrl(`/api/v1/reads/${id}/${kind}.jpg`, q),
        onerror: (e) => e.target.replaceWith(h('p', {class: 'hint'}, `${kind}: ${t('none')}`))}) : null);
    fill(detail, h('h3', {class: 'plate'}, r.plateText),
      h('p', {}, when(r.time), ' · ', r.camera, ' · ', r.color, ' · ', r.direction),
      h('a', {href: `#/trajectory/${enc(r.plate)}`}, t('trajectory')),
      h('div', {class: 'pictures'}, await pic('plate'), await pic('overview')));
  }
}

export async function trajectoryPage(root, session, [plateArg]) {
  const now = new Date();
  const plate = h('input', {id: 'traj-plate', maxlength: 40, value: plateArg || ''});
  const from = h('input', {type: 'datetime-local', step: 1, value: localInput(new Date(now - 30 * 86400e3))});
  const to = h('input', {type: 'datetime-local', step: 1, value: localInput(now)});
  const list = h('ol', {class: 'timeline-list', id: 'sightings'});
  const map = h('div', {class: 'map', id: 'map'});
  const note = h('p', {class: 'error'});
  fill(root, h('h2', {}, t('trajectory')), caseBar(),
    h('form', {class: 'bar', onsubmit: (e) => { e.preventDefault(); show().catch((err) => { note.textContent = err.message; }); }},
      h('label', {}, t('plate'), ' ', plate), h('label', {}, t('from'), ' ', from), h('label', {}, t('to'), ' ', to),
      h('button', {type: 'submit'}, t('show'))), note, h('div', {class: 'split'}, list, map));

  async function show() {
    note.textContent = '';
    const tr = await api(`/plates/${enc(plate.value.trim())}/trajectory`, {query: {from: instantOf(from.value),
      to: instantOf(to.value), ...caseQuery()}});
    fill(list, tr.sightings.map((s) => h('li', {class: s.cloned ? 'cloned' : ''},
      h('time', {}, when(s.time)), ' ', s.cameraName || s.camera, ' ', (s.region || []).join('/'), ' ', s.direction,
      s.speedKmh != null ? ` · ${Math.round(s.speedKmh)} km/h` : '', s.cloned ? ` · ${t('cloned')}` : '')));
    drawMap(map, tr.sightings.filter((s) => s.location));
  }
  if (plateArg) await show().catch((err) => { note.textContent = err.message; });
}

/** Camera positions and the path between them, scaled into the box (a network without map tiles still sees shape). */
function drawMap(el, points) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 400 300');
  svg.setAttribute('class', 'plain-map');
  if (points.length) {
    const lats = points.map((p) => p.location.lat);
    const lons = points.map((p) => p.location.lon);
    const [a, b, c, d] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const sx = (lon) => 20 + (b === a ? 180 : (lon - a) / (b - a) * 360);
    const sy = (lat) => 280 - (d === c ? 130 : (lat - c) / (d - c) * 260);
    const path = document.createElementNS(ns, 'polyline');
    path.setAttribute('points', points.map((p) => `${sx(p.location.lon)},${sy(p.location.lat)}`).join(' '));
    path.setAttribute('class', 'route');
    svg.append(path);
    const seen = new Set();
    for (const p of points) {
      if (seen.has(p.camera)) continue;
      seen.add(p.camera);
      const dot = document.createElementNS(ns, 'circle');
      dot.setAttribute('cx', sx(p.location.lon));
      dot.setAttribute('cy', sy(p.location.lat));
      dot.setAttribute('r', 5);
      const title = document.createElementNS(ns, 'title');
      title.textContent = p.cameraName || p.camera;
      dot.append(title);
      svg.append(dot);
    }
  }
  fill(el, h('p', {class: 'hint'}, t('noMap')), svg);
}
