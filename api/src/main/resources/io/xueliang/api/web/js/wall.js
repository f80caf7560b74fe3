// The video wall: layouts of 1 to 64 tiles, the region tree with each camera's state, cameras or whole regions
// dragged (or clicked) onto tiles, layouts saved per user on the server, a tour, full screen, WebSocket or LL-HLS.
import {all, api, enc} from './api.js';
import {fill, h} from './dom.js';
import {t} from './i18n.js';
import {LivePlayer} from './live.js';

export const LAYOUTS = [1, 4, 9, 16, 25, 36, 64];
const TOUR_SECONDS = [10, 20, 30, 60];
const REFRESH_MS = 10000;

export async function wallPage(root, session) {
  const key = (what) => `xl.${what}.${session.username}`;
  // Saved layouts live on the server (they follow the account to any workstation); the wall shown last, here.
  let layouts = [];
  const last = JSON.parse(localStorage.getItem(key('wall')) || 'null');
  const state = {size: LAYOUTS.includes(last && last.size) ? last.size : 4, cameras: (last && last.cameras) || [],
    selected: 0, solo: null, tour: null};
  const byId = new Map();
  const tiles = [];

  const grid = h('div', {class: 'wall-grid', id: 'wall-grid'});
  const tree = h('div', {class: 'tree', id: 'region-tree'});
  const filter = h('input', {type: 'search', placeholder: t('filter'), oninput: () => drawTree()});
  const layoutSelect = h('select', {id: 'layout', onchange: () => setSize(Number(layoutSelect.value))},
    LAYOUTS.map((n) => h('option', {value: n, selected: n === state.size}, `${n}`)));
  const savedSelect = h('select', {id: 'saved-layouts', onchange: () => load(savedSelect.value)});
  const layoutName = h('input', {id: 'layout-name', maxlength: 64, placeholder: t('layoutName')});
  const wallError = h('span', {class: 'error', id: 'wall-error'});
  const tourSelect = h('select', {}, TOUR_SECONDS.map((s) => h('option', {value: s}, `${s} ${t('seconds')}`)));
  const tourButton = h('button', {id: 'tour', onclick: () => toggleTour()}, t('tour'));
  // WebSocket unless this workstation's network refuses it (a proxy that drops the upgrade): then LL-HLS.
  const transportSelect = h('select', {id: 'transport', onchange: () => {
    localStorage.setItem(key('transport'), transportSelect.value);
    draw();
  }}, [['ws', 'transportWs'], ['hls', 'transportHls']].map(([v, k]) =>
    h('option', {value: v, selected: v === (localStorage.getItem(key('transport')) || 'ws')}, t(k))));
  const wall = h('section', {class: 'wall'},
    h('div', {class: 'toolbar'},
      h('label', {}, t('layout'), ' ', layoutSelect),
      layoutName, h('button', {id: 'save-layout', onclick: () => save().catch(shown)}, t('saveLayout')),
      h('label', {}, t('savedLayouts'), ' ', savedSelect),
      h('button', {id: 'delete-layout', onclick: () => removeSaved().catch(shown)}, t('deleteLayout')),
      tourSelect, tourButton,
      h('label', {}, t('transport'), ' ', transportSelect),
      h('button', {id: 'fullscreen', onclick: () => grid.requestFullscreen && grid.requestFullscreen()}, t('fullscreen')),
      h('button', {id: 'clear-wall', onclick: () => { state.cameras = []; draw(); }}, t('clearWall')), wallError),
    grid);
  fill(root, h('div', {class: 'wall-page'}, h('aside', {class: 'side'}, h('h3', {}, t('regionTree')), filter,
    h('p', {class: 'hint'}, t('dragHint')), tree), wall));

  let regions = [];
  async function refresh() {
    const [cams, tree] = await Promise.all([all('/cameras', {include: 'status'}), api('/regions')]);
    byId.clear();
    cams.forEach((c) => byId.set(c.id, c));
    regions = tree.items || tree;
    drawTree();
    tiles.forEach((tile) => tile.name());
  }

  function drawTree() {
    const q = filter.value.trim().toLowerCase();
    const match = (c) => !q || c.id.toLowerCase().includes(q) || (c.name || '').toLowerCase().includes(q);
    const node = (region) => {
      const cams = region.cameras.map((id) => byId.get(id)).filter((c) => c && match(c));
      const kids = region.children.map(node).filter(Boolean);
      if (!cams.length && !kids.length) return null;
      const ids = camerasUnder(region);
      return h('li', {},
        h('span', {class: 'region', draggable: 'true', dataset: {region: region.name},
          ondragstart: (e) => e.dataTransfer.setData('application/x-xl-cameras', JSON.stringify(ids))}, region.name,
        h('small', {}, ` ${ids.length}`)),
        h('ul', {}, kids, cams.map((c) => h('li', {},
          h('span', {class: `camera st-${c.status ? c.status.state : 'stopped'}`, draggable: 'true',
            dataset: {camera: c.id}, title: c.status ? c.status.state : '',
            ondragstart: (e) => e.dataTransfer.setData('application/x-xl-cameras', JSON.stringify([c.id])),
            onclick: () => put(state.selected, [c.id])}, c.name || c.id)))));
    };
    fill(tree, h('ul', {}, regions.map(node)));
  }

  function camerasUnder(region) {
    return [...region.cameras, ...region.children.flatMap(camerasUnder)].filter((id) => byId.has(id));
  }

  function put(index, ids) {
    ids.forEach((id, i) => { if (index + i < state.size) state.cameras[index + i] = id; });
    state.selected = Math.min(index + ids.length, state.size - 1);
    draw();
  }

  function setSize(n) {
    state.size = n;
    state.solo = null;
    draw();
  }

  function remember() {
    localStorage.setItem(key('wall'), JSON.stringify({size: state.size, cameras: state.cameras.slice(0, 64)}));
  }

  function draw() {
    state.cameras = state.cameras.slice(0, 64);
    remember();
    layoutSelect.value = String(state.size);
    const shown = state.solo === null ? state.size : 1;
    const side = Math.round(Math.sqrt(shown));
    grid.style.setProperty('--side', side);
    grid.dataset.layout = String(shown);
    tiles.splice(0).forEach((tile) => tile.stop());
    const cells = [];
    for (let i = 0; i < shown; i++) {
      const index = state.solo === null ? i : state.solo;
      // Small tiles take a camera's sub stream where it has one: a fraction of the bytes and of the decoding.
      const small = shown >= 9;
      const tile = new Tile(index, state.cameras[index] || null, byId, small, transportSelect.value, {
        select: (n) => { state.selected = n; grid.querySelectorAll('.tile').forEach((el) => el.classList.toggle('selected', Number(el.dataset.index) === n)); },
        drop: (n, ids) => put(n, ids),
        close: (n) => { state.cameras[n] = null; draw(); },
        solo: (n) => { state.solo = state.solo === null ? n : null; draw(); },
      });
      tiles.push(tile);
      cells.push(tile.el);
    }
    fill(grid, cells);
    tiles.forEach((tile) => tile.el.classList.toggle('selected', tile.index === state.selected));
  }

  function shown(e) {
    wallError.textContent = e.message;
  }

  async function loadSaved() {
    layouts = (await api('/layouts')).items;
    fill(savedSelect, h('option', {value: ''}, '—'), layouts.map((l) => h('option', {value: l.name}, l.name)));
  }

  async function save() {
    const name = layoutName.value.trim();
    if (!name) return;
    wallError.textContent = '';
    const cameras = Array.from({length: state.size}, (_, i) => state.cameras[i] || null);
    await api(`/layouts/${enc(name)}`, {method: 'PUT', body: {size: state.size, cameras}});
    layoutName.value = '';
    await loadSaved();
  }

  function load(name) {
    const l = layouts.find((x) => x.name === name);
    // The list works as a menu: it goes back to '—', so that the same layout can be brought back again.
    savedSelect.value = '';
    if (!l) return;
    layoutName.value = l.name;
    state.size = l.size;
    state.cameras = l.cameras.slice();
    state.solo = null;
    draw();
  }

  /** Deletes the layout named in the name field (the last one brought back fills it). */
  async function removeSaved() {
    const name = layoutName.value.trim();
    if (!name) return;
    wallError.textContent = '';
    await api(`/layouts/${enc(name)}`, {method: 'DELETE'});
    layoutName.value = '';
    await loadSaved();
  }

  /** Layouts an earlier version kept in this browser go to the server once. */
  async function moveLocalLayouts() {
    const local = JSON.parse(localStorage.getItem(key('layouts')) || 'null');
    if (!local) return;
    for (const [name, l] of Object.entries(local)) {
      const size = LAYOUTS.includes(l.size) ? l.size : 4;
      await api(`/layouts/${enc(name.slice(0, 64))}`, {method: 'PUT', body: {size,
        cameras: Array.from({length: size}, (_, i) => (l.cameras || [])[i] || null)}}).catch(() => {});
    }
    localStorage.removeItem(key('layouts'));
  }

  function toggleTour() {
    if (state.tour) {
      clearInterval(state.tour);
      state.tour = null;
      tourButton.textContent = t('tour');
      return;
    }
    const ids = [...byId.values()].filter((c) => c.live !== false).map((c) => c.id);
    if (!ids.length) return;
    let page = 0;
    const turn = () => {
      const start = (page * state.size) % ids.length;
      state.cameras = Array.from({length: Math.min(state.size, ids.length)}, (_, i) => ids[(start + i) % ids.length]);
      page++;
      draw();
    };
    turn();
    state.tour = setInterval(turn, Number(tourSelect.value) * 1000);
    tourButton.textContent = t('stopTour');
  }

  await moveLocalLayouts().catch(() => {});
  await Promise.all([loadSaved().catch(shown), refresh()]);
  draw();
  const timer = setInterval(() => refresh().catch(() => {}), REFRESH_MS);
  return () => {
    clearInterval(timer);
    if (state.tour) clearInterval(state.tour);
    tiles.forEach((tile) => tile.stop());
  };
}

/** One tile: its camera's live video with name, clock and a status badge. */
class Tile {
  constructor(index, camera, byId, small, transport, actions) {
    this.index = index;
    this.camera = camera;
    this.byId = byId;
    this.video = h('video', {muted: true, autoplay: true, playsinline: true});
    this.video.muted = true;
    this.image = h('img', {alt: '', hidden: true});
    this.title = h('span', {class: 'tile-name'});
    this.clock = h('span', {class: 'tile-clock'});
    this.badge = h('span', {class: 'badge'});
    this.el = h('div', {class: 'tile', dataset: {index, camera: camera || '', state: camera ? 'connecting' : 'empty'},
      onclick: () => actions.select(index),
      ondblclick: () => camera && actions.solo(index),
      ondragover: (e) => { e.preventDefault(); this.el.classList.add('over'); },
      ondragleave: () => this.el.classList.remove('over'),
      ondrop: (e) => {
        e.preventDefault();
        this.el.classList.remove('over');
        const ids = JSON.parse(e.dataTransfer.getData('application/x-xl-cameras') || '[]');
        if (Array.isArray(ids) && ids.length) actions.drop(index, ids.filter((x) => typeof x === 'string'));
      }},
    this.video, this.image,
    h('div', {class: 'tile-bar'}, this.title, this.clock, this.badge,
      camera ? h('button', {class: 'tile-close', title: t('close'), onclick: (e) => { e.stopPropagation(); actions.close(index); }}, '×') : null));
    this.name();
    if (camera) {
      const c = byId.get(camera);
      // LL-HLS carries the main stream only.
      const sub = small && transport === 'ws' && Boolean(c && c.substreamRedacted);
      this.el.dataset.stream = sub ? 'sub' : 'main';
      this.el.dataset.transport = transport;
      this.player = new LivePlayer(this.video, this.image, camera, (s) => this.state(s), sub, transport).start();
      this.ticker = setInterval(() => this.tick(), 1000);
      this.state('connecting');
    }
  }

  name() {
    const c = this.camera && this.byId.get(this.camera);
    this.title.textContent = this.camera ? (c ? c.name || c.id : this.camera) : '';
  }

  state(s) {
    this.el.dataset.state = s;
    const words = {live: 'stLive', connecting: 'stConnecting', reconnecting: 'stReconnecting', offline: 'stOffline',
      snapshot: 'stSnapshot', denied: 'stDenied'};
    this.badge.textContent = t(words[s] || s);
    this.badge.className = `badge b-${s}`;
  }

  tick() {
    this.clock.textContent = new Date().toLocaleTimeString(undefined, {hour12: false});
  }

  stop() {
    if (this.player) this.player.stop();
    clearInterval(this.ticker);
  }
}
