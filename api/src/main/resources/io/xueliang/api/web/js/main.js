// The web UI's shell: log in, the pages a user's roles allow, a hash router, the language switch.
import {api, ApiError, events, forgetTickets, setToken, token} from './api.js';
import {fill, h} from './dom.js';
import {language, setLanguage, t} from './i18n.js';
import {wallPage} from './wall.js';
import {camerasPage} from './cameras.js';
import {recordingsPage} from './recordings.js';
import {readsPage, trajectoryPage} from './reads.js';
import {alertsPage, ringPage, watchlistsPage} from './watch.js';
import {auditPage, tokensPage, usersPage} from './admin.js';

const app = document.getElementById('app');

// Which pages each role sees; the server decides what each request may do.
const PAGES = [
  {path: 'wall', label: 'wall', roles: ['viewer', 'investigator', 'admin'], show: wallPage},
  {path: 'cameras', label: 'cameras', roles: ['viewer', 'investigator', 'admin'], show: camerasPage},
  {path: 'recordings', label: 'recordings', roles: ['investigator', 'admin'], show: recordingsPage},
  {path: 'reads', label: 'reads', roles: ['investigator', 'admin'], show: readsPage},
  {path: 'trajectory', label: 'trajectory', roles: ['investigator', 'admin'], show: trajectoryPage},
  {path: 'ring', label: 'ring', roles: ['investigator', 'admin'], show: ringPage},
  {path: 'watchlists', label: 'watchlists', roles: ['investigator', 'admin'], show: watchlistsPage},
  {path: 'alerts', label: 'alerts', roles: ['viewer', 'investigator', 'admin'], show: alertsPage},
  {path: 'audit', label: 'audit', roles: ['auditor'], show: auditPage},
  {path: 'users', label: 'users', roles: ['admin'], show: usersPage},
  {path: 'tokens', label: 'tokens', roles: ['viewer', 'investigator', 'auditor', 'admin'], show: tokensPage},
];

let session = null;
let leave = null;

function loginPage(message) {
  const user = h('input', {id: 'login-user', name: 'username', autocomplete: 'username', required: true, maxlength: 64});
  const pass = h('input', {id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true, maxlength: 256});
  const note = h('p', {class: 'error', id: 'login-error'}, message || '');
  const form = h('form', {class: 'login', id: 'login-form', onsubmit: async (e) => {
    e.preventDefault();
    note.textContent = '';
    try {
      const answer = await api('/auth/login', {method: 'POST', body: {username: user.value, password: pass.value}});
      setToken(answer.token);
      await start();
    } catch (err) {
      note.textContent = err instanceof ApiError && err.status === 401 ? t('loginFailed') : err.message;
    }
  }},
  h('h1', {}, t('appName')),
  h('label', {}, t('username'), user),
  h('label', {}, t('password'), pass),
  h('button', {type: 'submit', id: 'login-submit'}, t('login')), note, languageButton());
  fill(app, form);
  user.focus();
}

function languageButton() {
  return h('button', {type: 'button', class: 'lang', id: 'language', onclick: () => {
    setLanguage(language() === 'zh' ? 'en' : 'zh');
    if (session) route(); else loginPage();
  }}, t('language'));
}

function allowed() {
  return PAGES.filter((p) => p.roles.some((r) => session.roles.includes(r)));
}

async function route() {
  if (leave) {
    leave();
    leave = null;
  }
  const pages = allowed();
  const [path, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = pages.find((p) => p.path === path) || pages[0];
  const main = h('main', {id: 'page', dataset: {page: page ? page.path : ''}});
  fill(app,
    h('header', {class: 'top'},
      h('strong', {class: 'brand'}, t('appName')),
      h('nav', {}, pages.map((p) => h('a', {href: `#/${p.path}`, class: p === page ? 'active' : '', id: `nav-${p.path}`},
        t(p.label)))),
      h('span', {class: 'who', id: 'who'}, session.username),
      languageButton(),
      h('button', {id: 'logout', onclick: logout}, t('logout'))),
    main);
  if (!page) return;
  try {
    leave = (await page.show(main, session, rest.map(decodeURIComponent))) || null;
  } catch (err) {
    fill(main, h('p', {class: 'error'}, `${t('error')}: ${err.message}`));
  }
}

async function logout() {
  try {
    await api('/auth/session', {method: 'DELETE'});
  } catch (err) {
    // the token is forgotten here either way
  }
  end();
}

function end(message) {
  if (leave) leave();
  leave = null;
  session = null;
  setToken(null);
  forgetTickets();
  loginPage(message);
}

async function start() {
  if (!token()) {
    loginPage();
    return;
  }
  try {
    session = await api('/auth/session');
  } catch (err) {
    end();
    return;
  }
  route();
}

events.addEventListener('expired', () => { if (session) end(t('sessionEnded')); });
window.addEventListener('hashchange', () => { if (session) route(); });
start();
