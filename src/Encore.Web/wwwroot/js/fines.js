// Fines (/fines): the caller's violations of a month with an appeal for proposed and confirmed ones; for department
// heads their department's, read only; for floor managers and the GM every violation with filters, confirming a
// proposed one (the fine within its type's range) or dismissing it (with the reason), deciding an appeal (upheld or
// overturned, with the reason), and raising one from the catalogue with an evidence photo uploaded after it is created.
// Live: "violationsChanged" (a violation raised, confirmed, dismissed, appealed or decided, by anyone or by the clock)
// fetches the month again when it is the month shown; the event carries only the business day, the lists come from the API.
(function () {
  'use strict';
  const E = window.Encore;
  const D = E.discipline;
  const { t, h, page: root, part } = E;
  const me = E.me.toLowerCase(); // badges compare case-insensitively
  const issuer = E.flag('issuer');
  const seesDepartment = E.flag('seesDepartment');
  const seesOthers = issuer || seesDepartment;
  const general = part('error');

  const monthForm = root.querySelector('form[data-form=month]');
  const filterForm = root.querySelector('form[data-form=filter]');
  const raiseForm = root.querySelector('form[data-form=raise]');
  let month = new URLSearchParams(location.search).get('month') || root.dataset.month;
  monthForm.elements.month.value = month;
  let mine = [];
  let all = [];
  let types = [];

  const typeOf = code => types.find(x => x.code === code);
  function rangeText(type) {
    if (!type || type.tipBased) return '';
    if (type.fineMax === null || type.fineMax === undefined) return t('fines.rangeMin', E.money(type.fineMin));
    return t('fines.range', E.money(type.fineMin), E.money(type.fineMax));
  }

  // ---- one violation ----

  function card(v, withPerson, actions) {
    const raisedBy = v.raisedBy === 'system' || !v.raisedBy ? t('fines.system') : v.raisedBy;
    const facts = [t('fines.chargedAs.' + v.chargedAs)];
    if (v.fine !== v.incidentFine) facts.push(t('fines.incidentFine', E.money(v.incidentFine)));
    if (v.tip) facts.push(t('fines.tip', E.money(v.tip)));
    facts.push(t('fines.raisedBy', raisedBy));
    return h('li', { class: 'card p-2 mb-2 fine-card', dataset: { violation: v.id, status: v.status, badge: v.badge, type: v.type } },
      h('div', { class: 'd-flex align-items-start gap-2' },
        h('div', { class: 'flex-grow-1 min-w-0' },
          h('div', null,
            withPerson ? h('strong', { class: 'me-1' }, `${v.name} ${v.badge}`) : null,
            h('span', { class: withPerson ? '' : 'fw-semibold' }, v.typeName), ' ',
            h('span', { class: 'text-muted small' }, E.dayTime(v.at), v.at.substring(0, 10) === v.businessDay ? '' : ` · ${t('fines.night', v.businessDay.substring(5))}`)),
          h('div', { class: 'small text-muted' }, facts.join(' · ')),
          h('div', { class: 'fine-evidence' }, t('fines.evidenceLine', v.evidence)),
          v.reason ? h('div', { class: 'small fine-evidence' }, t('fines.reasonLine', v.reason)) : null,
          v.hasPhoto ? h('a', { class: 'small', href: `/api/violations/${v.id}/photo`, target: '_blank', rel: 'noopener', dataset: { testid: 'photo-link' } }, t('fines.photo')) : null,
          v.appealedAt ? h('div', { class: 'small fine-appeal', dataset: { part: 'appeal' } }, t('fines.appealedAt', E.dayTime(v.appealedAt), v.appealReason)) : null,
          v.decidedAt ? h('div', { class: 'small fine-decision', dataset: { part: 'decision' } }, t('fines.decision', v.decidedBy || '', E.dayTime(v.decidedAt), v.decision)) : null),
        h('div', { class: 'text-end' },
          h('div', { class: 'fine-amount', dataset: { part: 'fine' } }, E.money(v.fine)),
          D.violationStatusBadge(v.status),
          v.dismissal ? h('div', null, D.chip(t('fines.dismissal'), 'dark', 'dismissal')) : null)),
      actions);
  }

  function appealBox() {
    return h('details', { class: 'mt-2 appeal-box' },
      h('summary', { class: 'btn btn-sm btn-outline-primary', dataset: { testid: 'appeal' } }, t('fines.appeal')),
      h('form', { class: 'mt-2', dataset: { form: 'appeal' }, novalidate: true },
        h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
        h('textarea', { class: 'form-control form-control-sm mb-1', name: 'reason', rows: '2', maxlength: '1000', placeholder: t('fines.appealReason'), 'aria-label': t('fines.appealReason') }),
        h('div', { class: 'field-error', dataset: { errorFor: 'reason' } }),
        h('button', { type: 'button', class: 'btn btn-primary w-100', dataset: { decision: 'appeal', testid: 'appeal-send' } }, t('fines.appealSend'))));
  }

  function confirmForm(v) {
    const type = typeOf(v.type);
    return h('form', { class: 'mt-2 d-flex flex-wrap align-items-start gap-2', dataset: { form: 'confirm' }, novalidate: true },
      h('div', { class: 'alert alert-danger py-1 px-2 small w-100', dataset: { part: 'error' }, hidden: true }),
      h('div', { class: 'flex-grow-1' },
        h('input', { class: 'form-control form-control-sm', name: 'fine', type: 'number', step: '0.01', inputmode: 'decimal', value: String(v.incidentFine),
          min: type ? String(type.fineMin) : null, max: type && type.fineMax !== null ? String(type.fineMax) : null, 'aria-label': t('fines.fine') }),
        h('div', { class: 'small text-muted' }, rangeText(type)),
        h('div', { class: 'field-error', dataset: { errorFor: 'fine' } })),
      h('button', { type: 'button', class: 'btn btn-sm btn-success', dataset: { decision: 'confirm', testid: 'confirm' } }, t('fines.confirm')),
      // A proposal the floor finds unfounded (a guest mismatch with an innocent cause) is dismissed with the reason.
      E.allows(v, 'dismiss') ? h('div', { class: 'w-100 d-flex gap-2' },
        h('div', { class: 'flex-grow-1' },
          h('input', { class: 'form-control form-control-sm', name: 'reason', maxlength: '1000', placeholder: t('fines.dismissReason'), 'aria-label': t('fines.dismissReason') }),
          h('div', { class: 'field-error', dataset: { errorFor: 'reason' } })),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', dataset: { decision: 'dismiss', testid: 'dismiss' } }, t('fines.dismiss'))) : null);
  }

  function decideForm(v) {
    return h('form', { class: 'mt-2', dataset: { form: 'decide' }, novalidate: true },
      h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
      h('input', { class: 'form-control form-control-sm mb-1', name: 'reason', maxlength: '1000', placeholder: t('fines.decideReason'), 'aria-label': t('fines.decideReason') }),
      h('div', { class: 'field-error', dataset: { errorFor: 'reason' } }),
      h('div', { class: 'd-flex gap-2' },
        E.allows(v, 'uphold') ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary flex-grow-1', dataset: { decision: 'uphold', testid: 'uphold' } }, t('fines.uphold')) : null,
        E.allows(v, 'overturn') ? h('button', { type: 'button', class: 'btn btn-sm btn-success flex-grow-1', dataset: { decision: 'overturn', testid: 'overturn' } }, t('fines.overturn')) : null));
  }

  // What to offer on a violation comes from its allowedActions (the Domain's ViolationTransitions); who may is the
  // caller's: the person charged appeals their own, an issuer (floor manager, GM) confirms and decides.
  const decidable = v => E.allows(v, 'uphold') || E.allows(v, 'overturn');
  function issuerActions(v) {
    if (!issuer) return null;
    if (E.allows(v, 'confirm')) return confirmForm(v);
    if (decidable(v)) return decideForm(v);
    return null;
  }

  // ---- lists ----

  /** What is owed, as the monthly statement counts it: confirmed and upheld charges (not proposed, appealed, overturned or dismissed). */
  const due = list => list.filter(v => v.status === 'confirmed' || v.status === 'upheld').reduce((sum, v) => sum + Number(v.fine || 0), 0);

  function renderMine() {
    part('mine').replaceChildren(...mine.map(v => card(v, false, E.allows(v, 'appeal') ? appealBox() : null)));
    part('mine-none').hidden = mine.length > 0;
    part('mine-count').textContent = mine.length > 0 ? t('fines.count', mine.length, E.money(due(mine))) : '';
  }

  function fillFilter(select, options) {
    const keep = select.value;
    select.replaceChildren(select.options[0], ...options.map(([value, label]) => h('option', { value }, label)));
    if (options.some(([value]) => value === keep)) select.value = keep;
  }

  function renderAll() {
    if (!seesOthers) return;
    const people = new Map(all.map(v => [v.badge, `${v.name} ${v.badge}`]));
    fillFilter(filterForm.elements.badge, [...people].sort(([a], [b]) => a.localeCompare(b)));
    const kinds = new Map(all.map(v => [v.type, v.typeName]));
    fillFilter(filterForm.elements.type, [...kinds].sort(([, a], [, b]) => a.localeCompare(b, 'zh-CN')));
    const f = filterForm.elements;
    const shown = all.filter(v => (!f.badge.value || v.badge === f.badge.value) && (!f.status.value || v.status === f.status.value) && (!f.type.value || v.type === f.type.value));
    part('all').replaceChildren(...shown.map(v => card(v, true, issuerActions(v))));
    part('all-none').hidden = shown.length > 0;
    part('all-count').textContent = t('fines.count', shown.length, E.money(due(shown)));
  }

  /** The lists of the month shown; throws when they could not be read (the hub's resync tries again). */
  async function load() {
    general.hidden = true;
    const calls = [E.api('GET', `/api/violations?badge=${encodeURIComponent(me)}&month=${encodeURIComponent(month)}`)];
    if (seesOthers) calls.push(E.api('GET', `/api/violations?month=${encodeURIComponent(month)}`));
    const [own, others] = await Promise.all(calls);
    const failed = [own, others].find(a => a && !a.ok);
    if (failed) { E.showError(general, failed.problem); throw new Error('violations'); }
    mine = own.data;
    renderMine();
    if (seesOthers) { all = others.data; renderAll(); }
    root.dataset.loaded = month;
  }

  const reload = () => load().catch(() => { /* the error is shown; the next event or resync loads again */ });

  function violationsChanged(change) {
    if (change && change.businessDay && change.businessDay.substring(0, 7) !== month) return;
    refresh();
  }
  const refresh = E.debounce(reload, 300);

  monthForm.addEventListener('submit', event => {
    event.preventDefault();
    month = monthForm.elements.month.value || root.dataset.month;
    const url = new URL(location.href);
    url.searchParams.set('month', month);
    history.replaceState(null, '', url);
    reload();
  });
  if (seesOthers) filterForm.addEventListener('change', renderAll);

  /** Puts an answered violation in the lists (an appeal, a confirmation, a decision) without fetching them all. */
  function replace(v) {
    mine = mine.map(x => (x.id === v.id ? v : x));
    all = all.map(x => (x.id === v.id ? v : x));
    renderMine();
    renderAll();
  }

  E.decisionButtons(part('mine'), async (form, decision, key) => {
    const id = form.closest('[data-violation]').dataset.violation;
    const result = await E.api('POST', `/api/violations/${id}/appeal`, { reason: form.elements.reason.value.trim() || null }, key);
    if (result.ok) replace(result.data);
    else if (result.status === 409) reload();
    return result;
  });

  if (seesOthers && issuer) {
    E.decisionButtons(part('all'), async (form, decision, key) => {
      const id = form.closest('[data-violation]').dataset.violation;
      let result;
      if (decision === 'confirm') {
        const fine = form.elements.fine.value;
        result = await E.api('POST', `/api/violations/${id}/confirm`, { fine: fine === '' ? null : Number(fine) }, key);
      } else if (decision === 'dismiss') {
        result = await E.api('POST', `/api/violations/${id}/dismiss`, { reason: form.elements.reason.value.trim() || null }, key);
      } else {
        result = await E.api('POST', `/api/violations/${id}/decide`, { upheld: decision === 'uphold', reason: form.elements.reason.value.trim() || null }, key);
      }
      if (result.ok) replace(result.data);
      else if (result.status === 409) reload();
      return result;
    });
  }

  // ---- raising a violation (floor managers and the GM) ----

  let raised = [];

  async function loadCatalogue() {
    const [typesAnswer, staffAnswer] = await Promise.all([E.api('GET', '/api/violation-types'), E.api('GET', '/api/staff')]);
    if (!typesAnswer.ok || !staffAnswer.ok) return;
    types = typesAnswer.data.filter(x => x.active);
    const typeSelect = raiseForm.elements.type;
    typeSelect.replaceChildren(typeSelect.options[0], ...types.map(x => h('option', { value: x.code }, x.tipBased ? x.name : `${x.name} · ${rangeText(x)}`)));
    const people = staffAnswer.data.filter(s => s.active && s.badge.toLowerCase() !== me);
    const badgeSelect = raiseForm.elements.badge;
    badgeSelect.replaceChildren(badgeSelect.options[0], ...people.map(s => h('option', { value: s.badge }, `${s.name} ${s.badge}${s.department ? ' · ' + s.department : ''}`)));
    renderAll();
  }

  function typeChanged() {
    const type = typeOf(raiseForm.elements.type.value);
    part('tip-box', raiseForm).hidden = !(type && type.tipBased);
    part('fine-box', raiseForm).hidden = !!(type && type.tipBased);
    part('range', raiseForm).textContent = rangeText(type);
    // The type's house rule says whether its fine is shared 40/30/30; the floor may still untick or tick it.
    raiseForm.elements.shared.checked = !!(type && type.shared);
    const fine = raiseForm.elements.fine;
    if (type && !type.tipBased) {
      fine.min = String(type.fineMin);
      if (type.fineMax !== null && type.fineMax !== undefined) fine.max = String(type.fineMax); else fine.removeAttribute('max');
      fine.value = String(type.fineMin);
    }
  }

  function renderRaised() {
    const box = part('raised');
    box.hidden = raised.length === 0;
    if (raised.length === 0) return;
    part('raised-title', box).textContent = t('fines.raised', raised.length);
    part('raised-list', box).replaceChildren(...raised.map(v =>
      h('li', { dataset: { violation: v.id } }, `${v.name} ${v.badge} · ${v.typeName} · ${t('fines.chargedAs.' + v.chargedAs)} · ${E.money(v.fine)}`)));
  }

  if (issuer) {
    raiseForm.elements.type.addEventListener('change', typeChanged);
    E.submitOnce(raiseForm, (f, key) => {
      const type = typeOf(f.elements.type.value);
      const tipBased = !!(type && type.tipBased);
      return E.api('POST', '/api/violations', {
        badge: f.elements.badge.value || null,
        type: f.elements.type.value || null,
        fine: tipBased || f.elements.fine.value === '' ? null : Number(f.elements.fine.value),
        tip: tipBased && f.elements.tip.value !== '' ? Number(f.elements.tip.value) : null,
        evidence: f.elements.evidence.value.trim() || null,
        reason: f.elements.reason.value.trim() || null,
        shared: f.elements.shared.checked,
        foundByFloorManager: f.elements.foundByFloorManager.checked,
      }, key);
    }, (charges, f) => {
      raised = charges;
      renderRaised();
      const photo = root.querySelector('form[data-form=photo]');
      photo.reset();
      E.freshForm(photo);
      part('photo-done', photo).hidden = true;
      f.reset();
      typeChanged();
      reload();
    });

    // The photo goes with the incident (every charge of it), uploaded as multipart form data.
    const photoForm = root.querySelector('form[data-form=photo]');
    E.submitOnce(photoForm, (f, key) => {
      part('photo-done', f).hidden = true;
      const file = f.elements.photo.files[0];
      if (!file || raised.length === 0) return { ok: false, status: 400, problem: { errors: { photo: [t('fines.photoHint')] } } };
      const body = new FormData();
      body.append('photo', file);
      return E.api('POST', `/api/violations/${raised[0].id}/photo`, body, key);
    }, (data, f) => {
      part('photo-done', f).hidden = false;
      reload();
    });
  }

  (issuer ? loadCatalogue() : Promise.resolve()).finally(() => E.connect({ violationsChanged }, load, E.liveStatus(root)));
})();
