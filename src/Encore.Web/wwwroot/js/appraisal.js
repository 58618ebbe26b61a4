// Appraisal, /appraisal (SPEC.md "Appraisal (考核) and training (培训)"): the person's own appraisals (self-assessment,
// the result and its timeline, the appeal within its window with a countdown), what waits on the caller (supervisor
// scores, review, publication, the appeal decision), starting one, and the GM's template editor. The API decides.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const appraised = E.flag('appraised');
  const appraises = E.flag('appraises');
  const pageError = root.querySelector(':scope > [data-part=error]');
  const detail = E.part('detail');
  const queue = E.part('queue');
  const mine = E.part('mine');
  const team = E.part('team');
  const startForm = E.part('start');
  const templateForm = E.part('template');
  const sources = ['manual', 'spendAttainment', 'roomsAttainment', 'newCustomers', 'satisfaction', 'retention', 'complaints', 'fines', 'attendance', 'diary'];
  let countdown = null;

  const fmt = n => (n === null || n === undefined ? '—' : String(Number(n)));
  const statusChip = s => h('span', { class: 'badge text-bg-' + ({ final: 'success', published: 'primary', appealed: 'warning', draft: 'secondary' }[s] || 'info'), dataset: { status: s } },
    t('appraisal.status.' + s));

  function row(a) {
    return h('li', null, h('button', { type: 'button', class: 'btn btn-link btn-sm text-start w-100 d-flex flex-wrap gap-2 align-items-center appraisal-row',
      dataset: { id: a.id }, 'data-testid': `appraisal-row-${a.badge}-${a.period}` },
      h('span', { class: 'fw-semibold' }, a.period), h('span', null, `${a.name} (${a.badge})`),
      h('span', { class: 'ms-auto' }, statusChip(a.status)), a.total !== null ? h('span', { class: 'small' }, t('appraisal.totalShort', fmt(a.total))) : null));
  }

  async function fill(list, url) {
    if (!list) return;
    const result = await E.api('GET', url);
    if (!result.ok) { E.showError(pageError, result.problem); return; }
    list.replaceChildren(...(result.data.length ? result.data.map(row) : [h('li', { class: 'text-muted small' }, t('appraisal.none'))]));
  }

  const loadLists = () => Promise.all([
    fill(queue, '/api/appraisals?queue=mine'),
    appraised ? fill(mine, `/api/appraisals?badge=${encodeURIComponent(E.me)}`) : null,
    appraises ? fill(team, '/api/appraisals') : null,
  ]);

  function itemsTable(a, editing) {
    const head = h('tr', null, ...['appraisal.item', 'appraisal.weight', 'appraisal.measure', 'appraisal.self', 'appraisal.supervisor', 'appraisal.score']
      .map(k => h('th', null, t(k))));
    const body = a.items.map(i => {
      const input = editing && i.byHand
        ? h('input', { type: 'number', min: 0, max: 100, step: 1, class: 'form-control form-control-sm', name: 'scores.' + i.key, 'data-testid': 'appraisal-score-' + i.key, 'aria-label': i.name })
        : null;
      const mineCol = editing === 'self' ? input : fmt(i.selfScore);
      const supCol = editing === 'supervisor' ? input : fmt(i.supervisorScore);
      return h('tr', { dataset: { key: i.key } },
        h('td', null, i.name, h('div', { class: 'field-error', dataset: { errorFor: 'scores.' + i.key } })),
        h('td', { class: 'num' }, String(i.weight)),
        h('td', { class: 'num' }, i.source === 'manual' ? t('appraisal.byHand') : `${fmt(i.measure)} → ${fmt(i.measuredScore)}`),
        h('td', { class: 'num' }, mineCol), h('td', { class: 'num' }, supCol),
        h('td', { class: 'num fw-semibold' }, fmt(i.score)));
    });
    return h('div', { class: 'table-responsive' }, h('table', { class: 'table table-sm appraisal-items mb-2' }, h('thead', null, head), h('tbody', null, body)));
  }

  function scoresOf(form) {
    const scores = {};
    form.querySelectorAll('input[name^="scores."]').forEach(i => { scores[i.name.substring(7)] = i.value === '' ? null : Number(i.value); });
    return scores;
  }

  function actionForm(a, act) {
    const form = h('form', { class: 'mb-2', novalidate: true, 'data-testid': 'appraisal-form-' + act },
      h('div', { class: 'alert alert-danger py-2', dataset: { part: 'error' }, hidden: true }));
    let body;
    let method = 'POST';
    let url = `/api/appraisals/${a.id}/${act}`;
    if (act === 'self' || act === 'supervisor') {
      method = 'PUT';
      form.append(itemsTable(a, act),
        h('textarea', { class: 'form-control form-control-sm mb-1', name: 'comment', rows: 2, maxlength: 500, placeholder: t('appraisal.comment'), 'aria-label': t('appraisal.comment') }),
        h('div', { class: 'field-error', dataset: { errorFor: 'comment' } }));
      body = () => ({ scores: scoresOf(form), comment: form.elements.comment.value });
    } else if (act === 'appeal') {
      const left = h('span', { class: 'small text-muted', 'data-testid': 'appraisal-countdown' });
      const deadline = new Date(a.appealDeadline).getTime();
      const tick = () => {
        const ms = deadline - E.serverNow();
        left.textContent = ms > 0 ? t('appraisal.appealLeft', E.duration(ms)) : t('appraisal.appealClosed');
      };
      tick();
      countdown = setInterval(tick, 1000);
      form.append(left,
        h('textarea', { class: 'form-control form-control-sm mb-1', name: 'reason', rows: 2, maxlength: 500, placeholder: t('appraisal.appealReason'), 'aria-label': t('appraisal.appealReason'), 'data-testid': 'appraisal-appeal-reason' }),
        h('div', { class: 'field-error', dataset: { errorFor: 'reason' } }));
      body = () => ({ reason: form.elements.reason.value });
    } else if (act === 'decide') {
      url = `/api/appraisals/${a.id}/appeal/decide`;
      form.append(
        h('select', { class: 'form-select form-select-sm mb-1', name: 'upheld', 'aria-label': t('field.upheld'), 'data-testid': 'appraisal-upheld' },
          h('option', { value: 'false' }, t('appraisal.rejectAppeal')), h('option', { value: 'true' }, t('appraisal.upholdAppeal'))),
        h('textarea', { class: 'form-control form-control-sm mb-1', name: 'comment', rows: 2, maxlength: 500, placeholder: t('appraisal.decision'), 'aria-label': t('appraisal.decision'), 'data-testid': 'appraisal-decision' }),
        h('div', { class: 'field-error', dataset: { errorFor: 'comment' } }));
      body = () => ({ upheld: form.elements.upheld.value === 'true', comment: form.elements.comment.value });
    }
    form.append(h('button', { type: 'submit', class: 'btn btn-sm btn-primary w-100', 'data-testid': 'appraisal-do-' + act }, t('appraisal.act.' + act)));
    E.submitOnce(form, (f, key) => E.api(method, url, body ? body() : undefined, key), data => { render(data); loadLists(); });
    return form;
  }

  function render(a) {
    if (countdown) { clearInterval(countdown); countdown = null; }
    const header = h('div', { class: 'd-flex flex-wrap align-items-baseline gap-2 mb-2' },
      h('h2', { class: 'h5 mb-0' }, `${a.name} (${a.badge})`), h('span', { class: 'text-muted' }, `${a.period} · ${t('appraisal.role.' + a.role)}`),
      statusChip(a.status));
    const total = h('div', { class: 'mb-2 fw-semibold', 'data-testid': 'appraisal-total' },
      a.total === null ? t('appraisal.noTotal') : t('appraisal.total', fmt(a.total), fmt(a.passScore)),
      a.passed === null ? null : h('span', { class: 'ms-2 badge text-bg-' + (a.passed ? 'success' : 'danger') }, t(a.passed ? 'appraisal.passed' : 'appraisal.failed')));
    const scoring = a.actions.find(x => x === 'self' || x === 'supervisor');
    const parts = [header, total];
    if (!scoring) parts.push(itemsTable(a, null));
    const words = [['appraisal.selfComment', a.selfComment], ['appraisal.supervisorComment', a.supervisorComment], ['appraisal.appealReason', a.appealReason], ['appraisal.decision', a.decisionComment]]
      .filter(([, text]) => text).map(([k, text]) => h('div', { class: 'small mb-1' }, h('span', { class: 'fw-semibold' }, t(k) + '：'), h('span', { class: 'appraisal-text' }, text)));
    parts.push(...words);
    for (const act of a.actions) parts.push(actionForm(a, act));
    parts.push(h('h3', { class: 'h6 mt-2 mb-1' }, t('appraisal.timeline')),
      h('ul', { class: 'list-unstyled small appraisal-timeline mb-0', 'data-testid': 'appraisal-timeline' }, a.timeline.map(e => h('li', { dataset: { step: e.step } },
        h('span', { class: 'fw-semibold' }, t('appraisal.timeline.' + e.step)), ' ', e.byName ? `${e.byName} (${e.byBadge}) ` : '',
        h('span', { class: 'text-muted' }, E.dateTime(e.at)), e.note ? h('div', { class: 'appraisal-text' }, e.note) : null))));
    detail.replaceChildren(...parts);
    detail.hidden = false;
  }

  async function show(id) {
    const result = await E.api('GET', `/api/appraisals/${id}`);
    if (!result.ok) { E.showError(pageError, result.problem); detail.hidden = true; return; }
    pageError.hidden = true;
    render(result.data);
    detail.scrollIntoView({ block: 'start' });
  }

  root.addEventListener('click', event => {
    const button = event.target.closest('.appraisal-row[data-id]');
    if (button) show(button.dataset.id);
  });

  if (startForm) {
    startForm.elements.period.value = E.today.substring(0, 7);
    E.submitOnce(startForm, (f, key) => E.api('POST', '/api/appraisals', { badge: f.elements.badge.value, period: f.elements.period.value }, key),
      data => { render(data); loadLists(); });
  }

  // ---- the GM's template editor ----
  function itemRow(i) {
    const n = (name, value, attrs) => h('input', { class: 'form-control form-control-sm', name, value: value ?? '', ...attrs });
    const source = h('select', { class: 'form-select form-select-sm', name: 'source', 'aria-label': t('appraisal.source') },
      sources.map(s => h('option', { value: s }, t('appraisal.source.' + s))));
    source.value = i.source || 'manual';
    const scale = h('div', { dataset: { part: 'scale' } },
      h('span', { class: 'text-nowrap' }, t('appraisal.zeroAt')), n('zeroAt', i.scale ? i.scale.zeroAt : '', { type: 'number', step: 'any', 'aria-label': t('appraisal.zeroAt') }),
      h('span', { class: 'text-nowrap' }, t('appraisal.fullAt')), n('fullAt', i.scale ? i.scale.fullAt : '', { type: 'number', step: 'any', 'aria-label': t('appraisal.fullAt') }));
    // A manual item has no scale: the row is hidden (a class, since Bootstrap's d-flex would win over [hidden]).
    const showScale = () => { scale.className = source.value === 'manual' ? 'd-none' : 'col-12 d-flex gap-1 align-items-center small appraisal-scale'; };
    source.addEventListener('change', showScale);
    showScale();
    return h('div', { class: 'row g-1 align-items-center', dataset: { item: '' } },
      h('div', { class: 'col-3' }, n('key', i.key, { 'aria-label': t('appraisal.key'), maxlength: 32 })),
      h('div', { class: 'col-5' }, n('name', i.name, { 'aria-label': t('appraisal.item'), maxlength: 50 })),
      h('div', { class: 'col-2' }, n('weight', i.weight, { type: 'number', min: 0, max: 100, 'aria-label': t('appraisal.weight') })),
      h('div', { class: 'col-2' }, h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger w-100', dataset: { act: 'remove' }, 'aria-label': t('appraisal.removeItem') }, '×')),
      h('div', { class: 'col-12' }, source), scale);
  }

  function sum() {
    const total = [...templateForm.querySelectorAll('input[name=weight]')].reduce((s, i) => s + (Number(i.value) || 0), 0);
    const box = E.part('sum', templateForm);
    box.textContent = t('appraisal.weightSum', total);
    box.className = 'small ' + (total === 100 ? 'text-success' : 'text-danger');
  }

  async function loadTemplate() {
    const role = templateForm.elements.role.value;
    const result = await E.api('GET', `/api/appraisal/templates/${role}`);
    if (!result.ok) { E.showError(E.part('error', templateForm), result.problem); return; }
    E.part('version', templateForm).textContent = t('appraisal.version', result.data.version);
    E.part('items', templateForm).replaceChildren(...result.data.items.map(itemRow));
    sum();
  }

  if (templateForm) {
    templateForm.elements.role.addEventListener('change', loadTemplate);
    templateForm.addEventListener('input', sum);
    templateForm.addEventListener('click', event => {
      if (event.target.closest('[data-act=add]')) { E.part('items', templateForm).append(itemRow({ source: 'manual', weight: 0 })); sum(); }
      const remove = event.target.closest('[data-act=remove]');
      if (remove) { remove.closest('[data-item]').remove(); sum(); }
    });
    E.submitOnce(templateForm, (f, key) => {
      const items = [...f.querySelectorAll('[data-item]')].map(r => {
        const v = name => r.querySelector(`[name=${name}]`).value;
        const source = v('source');
        return { key: v('key'), name: v('name'), weight: v('weight') === '' ? null : Number(v('weight')), source,
          scale: source === 'manual' ? null : { zeroAt: v('zeroAt') === '' ? null : Number(v('zeroAt')), fullAt: v('fullAt') === '' ? null : Number(v('fullAt')) } };
      });
      return E.api('PUT', `/api/appraisal/templates/${f.elements.role.value}`, { items }, key);
    }, data => {
      E.part('version', templateForm).textContent = t('appraisal.version', data.version);
      E.part('flash', templateForm).textContent = t('appraisal.templateSaved');
    });
    loadTemplate();
  }

  loadLists();
  const asked = new URLSearchParams(location.search).get('id');
  if (asked) show(asked);
})();
