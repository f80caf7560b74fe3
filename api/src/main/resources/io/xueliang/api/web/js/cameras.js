// Cameras and their health: state, last frame, reconnects, recording; refreshed every 10 s.
import {all, api, enc} from './api.js';
import {bytes, fill, h, when} from './dom.js';
import {t} from './i18n.js';

export async function camerasPage(root, session) {
  const admin = session.roles.includes('admin');
  const body = h('tbody', {});
  const table = h('table', {class: 'grid', id: 'camera-table'}, h('thead', {}, h('tr', {},
    ['camera', 'name', 'region', 'state', 'lastFrame', 'reconnects', 'frames', 'received', 'recording', 'lastError']
      .map((k) => h('th', {}, t(k))), admin ? h('th', {}) : null)), body);
  const editor = admin ? cameraEditor(() => refresh()) : null;
  fill(root, h('h2', {}, t('cameras')), table, editor ? editor.el : null);
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
        h('td', {class: 'wrap'}, s.lastError || ''),
        editor ? h('td', {}, c.origin === 'file' ? t('fromFile') : [
          h('button', {onclick: () => editor.edit(c)}, t('edit')),
          h('button', {onclick: () => editor.remove(c)}, t('delete'))]) : null);
    }));
  }
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 10000);
  return () => clearInterval(timer);
}

/** Registering, changing and removing cameras (admins; the configuration file's cameras are changed there). */
function cameraEditor(changed) {
  const id = h('input', {id: 'cam-id', maxlength: 64, pattern: '[A-Za-z0-9._-]{1,64}', required: true});
  const name = h('input', {id: 'cam-name', maxlength: 128});
  const region = h('input', {id: 'cam-region', maxlength: 512, placeholder: '湘潭县/易俗河镇'});
  const source = h('input', {id: 'cam-source', maxlength: 2048, required: true, placeholder: 'rtsp://user:password@host/…',
    autocomplete: 'off'});
  const substream = h('input', {id: 'cam-substream', maxlength: 2048, autocomplete: 'off'});
  const lat = h('input', {id: 'cam-lat', type: 'number', step: 'any', min: -90, max: 90});
  const lon = h('input', {id: 'cam-lon', type: 'number', step: 'any', min: -180, max: 180});
  const flags = ['record', 'live', 'plates', 'enabled'].map((f) => h('input', {type: 'checkbox', value: f,
    checked: f !== 'plates'}));
  const note = h('p', {class: 'error', id: 'cam-error'});
  let editing = null;
  const submit = h('button', {type: 'submit', id: 'cam-save'}, t('create'));
  const el = h('form', {class: 'stack', id: 'camera-form', onsubmit: async (e) => {
    e.preventDefault();
    note.textContent = '';
    const body = {id: id.value.trim(), source: source.value.trim()};
    if (name.value.trim()) body.name = name.value.trim();
    if (region.value.trim()) body.region = region.value.split('/').map((x) => x.trim()).filter(Boolean);
    if (substream.value.trim()) body.substream = substream.value.trim();
    if (lat.value !== '' && lon.value !== '') body.location = {lat: Number(lat.value), lon: Number(lon.value)};
    flags.forEach((f) => { body[f.value] = f.checked; });
    try {
      if (editing) await api(`/cameras/${enc(editing)}`, {method: 'PUT', body});
      else await api('/cameras', {method: 'POST', body});
      reset();
      changed();
    } catch (err) {
      note.textContent = err.field ? `${err.field}: ${err.message}` : err.message;
    }
  }},
  h('h3', {}, t('addCamera')),
  h('label', {}, 'ID', id), h('label', {}, t('name'), name), h('label', {}, t('region'), region),
  h('label', {}, t('source'), source), h('label', {}, t('substream'), substream),
  h('label', {}, t('latitude'), lat), h('label', {}, t('longitude'), lon),
  h('div', {}, flags.map((f) => h('label', {class: 'inline'}, f, f.value))), submit, note);

  function reset() {
    editing = null;
    el.reset();
    id.disabled = false;
    submit.textContent = t('create');
  }

  return {
    el,
    edit(c) {
      editing = c.id;
      id.value = c.id;
      id.disabled = true;
      name.value = c.name || '';
      region.value = (c.region || []).join('/');
      source.value = '';
      source.placeholder = t('sourceAgain');
      substream.value = '';
      lat.value = c.location ? c.location.lat : '';
      lon.value = c.location ? c.location.lon : '';
      flags.forEach((f) => { f.checked = Boolean(c[f.value]); });
      submit.textContent = t('save');
      el.scrollIntoView();
    },
    async remove(c) {
      if (!confirm(`${t('delete')} ${c.id}?`)) return;
      try {
        await api(`/cameras/${enc(c.id)}`, {method: 'DELETE'});
        changed();
      } catch (err) {
        note.textContent = err.message;
      }
    },
  };
}
