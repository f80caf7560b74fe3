// Audit (auditors), users (admins), one's own API tokens (everyone).
import {api, enc} from './api.js';
import {fill, h, instantOf, localInput, when} from './dom.js';
import {t} from './i18n.js';

const ROLES = ['viewer', 'investigator', 'auditor', 'admin'];

export async function auditPage(root) {
  const now = new Date();
  const from = h('input', {type: 'datetime-local', step: 1, value: localInput(new Date(now - 86400e3))});
  const to = h('input', {type: 'datetime-local', step: 1, value: localInput(new Date(now.getTime() + 60e3))});
  const actor = h('input', {maxlength: 64, id: 'audit-actor'});
  const action = h('input', {maxlength: 256, id: 'audit-action'});
  const body = h('tbody', {id: 'audit-rows'});
  const more = h('button', {hidden: true, onclick: () => load(false)}, t('more'));
  const note = h('p', {class: 'error'});
  let next = null;
  fill(root, h('h2', {}, t('audit')),
    h('form', {class: 'bar', onsubmit: (e) => { e.preventDefault(); load(true); }},
      h('label', {}, t('from'), ' ', from), h('label', {}, t('to'), ' ', to), h('label', {}, t('actor'), ' ', actor),
      h('label', {}, t('action'), ' ', action), h('button', {type: 'submit'}, t('show'))), note,
    h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, ['time', 'actor', 'action', 'parameters', 'caseReference',
      'purpose', 'status'].map((k) => h('th', {}, t(k))))), body), more);

  async function load(fresh) {
    note.textContent = '';
    if (fresh) { next = null; body.replaceChildren(); }
    try {
      const page = await api('/audit', {query: {from: instantOf(from.value), to: instantOf(to.value),
        actor: actor.value.trim(), action: action.value.trim(), cursor: next, limit: 200}});
      page.items.forEach((e) => body.append(h('tr', {},
        h('td', {}, when(e.at)), h('td', {}, e.actor), h('td', {}, e.action),
        h('td', {class: 'wrap'}, Object.entries(e.parameters || {}).map(([k, v]) => `${k}=${v}`).join(' ')),
        h('td', {}, e.caseReference || ''), h('td', {}, e.purpose || ''), h('td', {class: 'num'}, e.status))));
      next = page.next;
      more.hidden = !next;
    } catch (err) {
      note.textContent = err.message;
    }
  }
  await load(true);
}

export async function usersPage(root) {
  const body = h('tbody', {});
  const name = h('input', {maxlength: 64, id: 'user-name'});
  const pass = h('input', {type: 'password', maxlength: 256, autocomplete: 'new-password', id: 'user-password'});
  const roles = ROLES.map((r) => h('input', {type: 'checkbox', value: r}));
  const regions = h('textarea', {rows: 3, id: 'user-regions'});
  const note = h('p', {class: 'error'});
  fill(root, h('h2', {}, t('users')),
    h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, ['username', 'roles', 'region', ''].map((k) => h('th', {}, k ? t(k) : '')))), body),
    h('form', {class: 'stack', onsubmit: (e) => { e.preventDefault(); create(); }},
      h('h3', {}, t('newUser')), h('label', {}, t('username'), name), h('label', {}, t('password'), pass),
      h('div', {}, t('roles'), ': ', roles.map((c) => h('label', {class: 'inline'}, c, c.value))),
      h('label', {}, t('regions'), regions), h('button', {type: 'submit'}, t('create')), note));

  async function refresh() {
    const list = await api('/users', {query: {limit: 1000}});
    fill(body, list.items.map((u) => h('tr', {},
      h('td', {}, u.username), h('td', {}, u.roles.join(', ')),
      h('td', {}, u.regions.length ? u.regions.map((r) => r.join('/')).join('; ') : '*'),
      h('td', {}, h('button', {onclick: () => api(`/users/${enc(u.username)}`, {method: 'DELETE'})
        .then(refresh, (err) => { note.textContent = err.message; })}, t('delete'))))));
  }

  async function create() {
    note.textContent = '';
    const paths = regions.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split('/').map((x) => x.trim()));
    try {
      await api('/users', {method: 'POST', body: {username: name.value.trim(), password: pass.value,
        roles: roles.filter((c) => c.checked).map((c) => c.value), ...(paths.length ? {regions: paths} : {})}});
      pass.value = '';
      await refresh();
    } catch (err) {
      note.textContent = err.field ? `${err.field}: ${err.message}` : err.message;
    }
  }
  await refresh();
}

export async function tokensPage(root) {
  const body = h('tbody', {});
  const name = h('input', {maxlength: 64, id: 'token-name', pattern: '[A-Za-z0-9][A-Za-z0-9._-]{0,63}'});
  const shown = h('p', {class: 'secret', id: 'token-shown'});
  const note = h('p', {class: 'error'});
  fill(root, h('h2', {}, t('tokens')),
    h('table', {class: 'grid'}, h('thead', {}, h('tr', {}, ['name', 'roles', 'lastUsed', 'expiresAt', ''].map((k) => h('th', {}, k ? t(k) : '')))), body),
    h('form', {class: 'bar', onsubmit: (e) => { e.preventDefault(); create(); }},
      h('label', {}, t('newToken'), ' ', name), h('button', {type: 'submit'}, t('create'))), shown, note);

  async function refresh() {
    const list = await api('/tokens');
    fill(body, list.items.map((x) => h('tr', {},
      h('td', {}, x.name), h('td', {}, x.roles.length ? x.roles.join(', ') : '*'), h('td', {}, when(x.lastUsedAt)),
      h('td', {}, when(x.expiresAt)),
      h('td', {}, h('button', {onclick: () => api(`/tokens/${x.id}`, {method: 'DELETE'}).then(refresh)}, t('delete'))))));
  }

  async function create() {
    note.textContent = '';
    try {
      const made = await api('/tokens', {method: 'POST', body: {name: name.value.trim()}});
      fill(shown, t('tokenShownOnce'), ' ', h('code', {}, made.token));
      await refresh();
    } catch (err) {
      note.textContent = err.message;
    }
  }
  await refresh();
}
