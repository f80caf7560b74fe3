// The case and purpose an investigator works under: asked once, kept for the tab, sent with every search and
// picture (they go into the audit trail with each request).
import {h} from './dom.js';
import {t} from './i18n.js';

const KEY = 'xl.case';

export function currentCase() {
  return JSON.parse(sessionStorage.getItem(KEY) || '{"caseReference":"","purpose":""}');
}

/** The case's query values; throws when either is missing. */
export function caseQuery() {
  const c = currentCase();
  if (!c.caseReference || !c.purpose) throw new Error(t('caseNeeded'));
  return {caseReference: c.caseReference, purpose: c.purpose};
}

export function caseBar() {
  const c = currentCase();
  const keep = () => sessionStorage.setItem(KEY, JSON.stringify({caseReference: ref.value.trim(), purpose: why.value.trim()}));
  const ref = h('input', {id: 'case-reference', maxlength: 128, value: c.caseReference, onchange: keep});
  const why = h('input', {id: 'case-purpose', maxlength: 256, value: c.purpose, onchange: keep});
  return h('div', {class: 'bar case'}, h('label', {}, t('caseReference'), ' ', ref), h('label', {}, t('purpose'), ' ', why));
}
