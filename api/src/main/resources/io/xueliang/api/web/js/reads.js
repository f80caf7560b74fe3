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
    drawMap(map, tr.sightings.filter((s) => s.location), session.map);
  }
  if (plateArg) await show().catch((err) => { note.textContent = err.message; });
}

const MAP_W = 480;
const MAP_H = 360;
const TILE = 256;
const MAX_ZOOM = 17;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Web Mercator: a position as pixels of the whole world at zoom z (the XYZ tile scheme). */
function mercator(lat, lon, z) {
  const size = TILE * 2 ** z;
  const s = Math.sin(Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180);
  return [(lon + 180) / 360 * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}

function svgEl(name, attrs) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/**
 * Camera positions and the path between them. With a tile server (http.mapTiles) they lie on its map at the largest
 * zoom that shows them all; without one they are scaled into the box, so that a network with no tiles still sees
 * the shape.
 */
function drawMap(el, points, tiles) {
  const svg = svgEl('svg', {viewBox: `0 0 ${MAP_W} ${MAP_H}`, class: tiles ? 'plain-map tiled' : 'plain-map'});
  let project = null;
  if (points.length && tiles) {
    // The closest zoom at which every sighting fits the box with a margin.
    const at = (zoom) => {
      const px = points.map((p) => mercator(p.location.lat, p.location.lon, zoom));
      return [px.map((q) => q[0]), px.map((q) => q[1])];
    };
    let z = MAX_ZOOM;
    let [xs, ys] = at(z);
    while (z > 0 && (Math.max(...xs) - Math.min(...xs) > MAP_W - 60 || Math.max(...ys) - Math.min(...ys) > MAP_H - 60)) {
      [xs, ys] = at(--z);
    }
    const left = (Math.min(...xs) + Math.max(...xs) - MAP_W) / 2;
    const top = (Math.min(...ys) + Math.max(...ys) - MAP_H) / 2;
    const n = 2 ** z;
    for (let ty = Math.floor(top / TILE); ty * TILE < top + MAP_H; ty++) {
      if (ty < 0 || ty >= n) continue;
      for (let tx = Math.floor(left / TILE); tx * TILE < left + MAP_W; tx++) {
        const x = ((tx % n) + n) % n;
        const href = tiles.tiles.replaceAll('{z}', z).replaceAll('{x}', x).replaceAll('{y}', ty);
        svg.append(svgEl('image', {href, x: tx * TILE - left, y: ty * TILE - top, width: TILE, height: TILE,
          'data-tile': `${z}/${x}/${ty}`}));
      }
    }
    project = (p) => {
      const [x, y] = mercator(p.location.lat, p.location.lon, z);
      return [x - left, y - top];
    };
  } else if (points.length) {
    const lats = points.map((p) => p.location.lat);
    const lons = points.map((p) => p.location.lon);
    const [a, b, c, d] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    project = (p) => [30 + (b === a ? (MAP_W - 60) / 2 : (p.location.lon - a) / (b - a) * (MAP_W - 60)),
      MAP_H - 30 - (d === c ? (MAP_H - 60) / 2 : (p.location.lat - c) / (d - c) * (MAP_H - 60))];
  }
  if (project) {
    svg.append(svgEl('polyline', {class: 'route', points: points.map((p) => project(p).join(',')).join(' ')}));
    const seen = new Set();
    for (const p of points) {
      if (seen.has(p.camera)) continue;
      seen.add(p.camera);
      const [cx, cy] = project(p);
      const dot = svgEl('circle', {cx, cy, r: 6});
      const title = svgEl('title', {});
      title.textContent = p.cameraName || p.camera;
      dot.append(title);
      svg.append(dot);
    }
  }
  if (tiles) {
    fill(el, svg, h('p', {class: 'hint attribution'}, tiles.attribution || ''));
  } else {
    fill(el, h('p', {class: 'hint'}, t('noMap')), svg);
  }
}
