// Cameras and their health: state, last frame, reconnects, recording; refreshed every 10 s.
import {all} from './api.js';
import {bytes, fill, h, when} from './dom.js';
import {t} from './i18n.js';

export async function camerasPage(root) {
  const body = h('tbody', {});
  const table = h('table', {class: 'grid', id: 'camera-table'}, h('thead', {}, h('tr', {},
    ['camera', 'name', 'region', 'state', 'lastFrame', 'reconnects', 'frames', 'received', 'recording', 'lastError']
      .map((k) => h('th', {}, t(k))))), body);
  fill(root, h('h2', {}, t('cameras')), table);
  async function refresh() {
    const cams = await all('/cameras', {include: 'status'});
    fill(body, cams.map((c) => {
      const s = c.status || {};
      return h('tr', {dataset: {camera: c.id, state: s.state || 'stopped'}},
        h('td', {}, h('a', {href: `#/recordings/${encodeURIComponent(c.id)}`}, c.id)),
        h('td', {}, c.name || ''),
        h('td', {}, (c.region || []).join(' / ')),
        h('td', {}, h('span', {class: `dot st-${s.state || 'stopped'}`}), ' ', s.state || 'stopped'),
        h('td', {}, when(s.lastFrameAt)),
        h('td', {class: 'num'}, s.reconnects || 0),
        h('td', {class: 'num'}, s.frames || 0),
        h('td', {class: 'num'}, bytes(s.bytes || 0)),
        h('td', {}, c.record ? t('yes') : t('no')),
        h('td', {class: 'wrap'}, s.lastError || ''));
    }));
  }
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 10000);
  return () => clearInterval(timer);
}
