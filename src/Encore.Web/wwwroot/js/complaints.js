// Complaints (/complaints): the floor's board (every complaint, overdue first and red), the desk's intake form, a
// manager's own complaints on a phone, and the floor's resolution and fines. A complaint made, handled or escalated
// anywhere arrives as "complaintChanged" { id } from /hubs/board; the page reads it again through
// GET /api/complaints/{id}, which shows each reader what they may see (a 404 there: no longer theirs to see).
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root, part } = E;
  const me = root.dataset.me;
  const canHandle = E.flag('canHandle');
  const canResolve = E.flag('canResolve');
  const seesStats = E.flag('seesStats');
  const editsCalendar = E.flag('editsCalendar');

  const complaints = new Map(); // id -> ComplaintView (with actions and fines once read one by one)
  let filter = 'active';

  const badge = (cls, text, testid) => h('span', { class: `badge ${cls}`, dataset: testid ? { testid } : {} }, text);
  const mayHandle = c => canHandle || c.managerBadge === me;

  /** The limit the complaint is waiting on now, or null when resolved. */
  function nextLimit(c) {
    if (c.status === 'resolved') return null;
    const now = E.serverNow();
    if (c.status === 'open' && Date.parse(c.acknowledgeBy) >= now) return { key: 'complaints.ackBy', due: c.acknowledgeBy };
    if (Date.parse(c.solutionBy) >= now) return { key: 'complaints.solutionBy', due: c.solutionBy };
    return { key: 'complaints.finalBy', due: c.finalBy };
  }

  function summary(c) {
    const limit = nextLimit(c);
    return [
      h('div', { class: 'd-flex flex-wrap align-items-center gap-1' },
        badge(`complaint-status status-${c.status}`, t('complaint.status.' + c.status), 'status'),
        c.escalatedTo ? badge('text-bg-danger', t('complaint.escalation.' + c.escalatedTo), 'escalation') : null,
        badge('text-bg-light border', t('complaint.category.' + c.category)),
        c.severity === 'high' ? badge('text-bg-warning', t('complaint.severity.high')) : null,
        c.source === 'guest' ? badge('text-bg-info', t('complaint.source.guest'), 'from-guest') : null,
        h('span', { class: 'ms-auto small text-muted' }, E.dayTime(c.createdAt))),
      h('div', { class: 'complaint-line' },
        c.roomNumber ? h('strong', { class: 'me-2' }, t('complaints.room', c.roomNumber)) : null,
        c.managerBadge ? h('span', { class: 'me-2' }, t('complaints.manager', c.managerName || '', c.managerBadge)) : null,
        c.guestName ? h('span', { class: 'me-2 text-muted' }, [c.guestName, c.guestPhone].filter(Boolean).join(' ')) : null),
      h('div', { class: 'complaint-text' }, c.description),
      limit ? h('div', { class: 'small' }, t(limit.key), ' ',
        h('span', { dataset: { part: 'countdown', due: limit.due } }, ''), ' · ', E.dayTime(limit.due)) : null,
      c.status === 'resolved' ? h('div', { class: 'small text-muted' },
        t('complaints.resolvedBy', c.resolvedBy || '', E.dayTime(c.resolvedAt)), ' · ', c.resolution,
        c.satisfaction ? ` · ${'★'.repeat(c.satisfaction)}` : '', c.resolvedLate ? ` · ${t('complaints.late')}` : '') : null,
    ];
  }

  function field(label, control, name) {
    return h('div', { class: 'mb-2' }, h('label', { class: 'form-label small mb-0 d-block w-100' }, label, control), h('div', { class: 'field-error', dataset: { errorFor: name } }));
  }

  function forms(c) {
    const kinds = ['apology', 'comp', 'discount', 'reservice', 'other'];
    const body = [];
    if (mayHandle(c)) {
      body.push(h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary mb-2', dataset: { act: 'acknowledge', testid: 'acknowledge' } }, t('complaints.acknowledge')));
      body.push(h('form', { class: 'complaint-form', dataset: { form: 'action' }, novalidate: true },
        h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
        h('div', { class: 'row g-2' },
          h('div', { class: 'col-5' }, field(t('complaints.label.kind'), h('select', { class: 'form-select form-select-sm', name: 'kind' }, ...kinds.map(k => h('option', { value: k }, t('complaint.action.' + k)))), 'kind')),
          h('div', { class: 'col-7' }, field(t('complaints.label.value'), h('input', { class: 'form-control form-control-sm', name: 'value', type: 'number', min: '0', step: '0.01', inputmode: 'decimal' }), 'value'))),
        field(t('complaints.label.note'), h('input', { class: 'form-control form-control-sm', name: 'note', maxlength: '1000', autocomplete: 'off' }), 'note'),
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary', dataset: { testid: 'add-action' } }, t('complaints.addAction'))));
    }
    if (canResolve) {
      body.push(h('form', { class: 'complaint-form', dataset: { form: 'resolve' }, novalidate: true },
        h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
        field(t('complaints.label.resolution'), h('textarea', { class: 'form-control form-control-sm', name: 'resolution', rows: '2', maxlength: '2000' }), 'resolution'),
        field(t('complaints.label.satisfaction'), h('select', { class: 'form-select form-select-sm', name: 'satisfaction' },
          h('option', { value: '' }, t('complaints.pick')), ...[5, 4, 3, 2, 1].map(n => h('option', { value: String(n) }, '★'.repeat(n)))), 'satisfaction'),
        h('button', { type: 'submit', class: 'btn btn-sm btn-success', dataset: { testid: 'resolve' } }, t('complaints.resolve'))));
      const tips = c.category === 'tips';
      body.push(h('form', { class: 'complaint-form', dataset: { form: 'fine' }, novalidate: true },
        h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
        h('div', { class: 'row g-2' },
          h('div', { class: 'col-5' }, field(t('complaints.finePerson'), h('input', { class: 'form-control form-control-sm', name: 'badge', value: c.managerBadge || '', autocomplete: 'off' }), 'badge')),
          h('div', { class: 'col-7' }, tips
            ? field(t('complaints.label.tip'), h('input', { class: 'form-control form-control-sm', name: 'tip', type: 'number', min: '0', step: '0.01', inputmode: 'decimal' }), 'tip')
            : field(t('complaints.label.amount'), h('input', { class: 'form-control form-control-sm', name: 'amount', type: 'number', min: '0', step: '0.01', inputmode: 'decimal' }), 'amount'))),
        h('div', { class: 'small text-muted mb-1' }, t(tips ? 'complaints.tipsRule' : 'complaints.fineRule')),
        h('button', { type: 'submit', class: 'btn btn-sm btn-outline-danger', dataset: { testid: 'propose-fine' } }, t('complaints.proposeFine'))));
    }
    return body;
  }

  function history(c) {
    const actions = (c.actions || []).map(a => h('li', null, E.dayTime(a.at), ' · ', t('complaint.action.' + a.kind),
      a.value ? ` ${E.money(a.value)}` : '', ' · ', a.note, a.by ? ` · ${a.by}` : ''));
    const fines = (c.fines || []).map(f => h('li', { dataset: { fine: f.id } }, h('a', { href: '/fines' }, `${f.badge} · ${E.money(f.fine)} · ${t('complaints.fineStatus.' + f.status)}`)));
    return [
      c.acknowledgedAt ? h('div', { class: 'small text-muted' }, t('complaints.acknowledgedBy', c.acknowledgedBy || '', E.dayTime(c.acknowledgedAt))) : null,
      actions.length ? h('ul', { class: 'small mb-1', dataset: { part: 'actions' } }, ...actions) : null,
      fines.length ? h('div', { class: 'small' }, t('complaints.fines'), h('ul', { class: 'mb-1', dataset: { part: 'fines' } }, ...fines)) : null,
    ];
  }

  /** Shows what the complaint's status allows (its allowedActions, from the Domain's transition table). */
  function fit(li, c) {
    const ack = li.querySelector('[data-act=acknowledge]');
    if (ack) ack.hidden = !E.allows(c, 'acknowledge');
    li.querySelectorAll('form[data-form=action]').forEach(f => { f.hidden = !E.allows(c, 'act'); });
    li.querySelectorAll('form[data-form=resolve]').forEach(f => { f.hidden = !E.allows(c, 'resolve'); });
    li.querySelectorAll('form[data-form=fine]').forEach(f => { f.hidden = !E.allows(c, 'fine'); });
  }

  function card(c) {
    const li = h('li', { class: 'card p-2 mb-2 complaint-card', dataset: { complaint: c.id } },
      h('div', { dataset: { part: 'summary' } }, ...summary(c).filter(Boolean)),
      h('details', { class: 'mt-1', dataset: { part: 'more' } },
        h('summary', { class: 'small' }, t('complaints.handle')),
        h('div', { dataset: { part: 'history' } }, ...history(c).filter(Boolean)),
        h('div', { dataset: { part: 'forms' } }, ...forms(c))));
    return li;
  }

  function update(li, c) {
    li.dataset.status = c.status;
    li.dataset.overdue = String(c.overdue);
    li.classList.toggle('complaint-overdue', !!c.overdue);
    li.querySelector('[data-part=summary]').replaceChildren(...summary(c).filter(Boolean));
    li.querySelector('[data-part=history]').replaceChildren(...history(c).filter(Boolean));
    fit(li, c);
  }

  const shown = c => filter === 'resolved' ? c.status === 'resolved' : filter === 'overdue' ? c.overdue : c.status !== 'resolved';
  const order = (a, b) => (Number(b.overdue) - Number(a.overdue))
    || (['gm', 'floorManager', 'departmentHead'].indexOf(a.escalatedTo) + 1 || 9) - (['gm', 'floorManager', 'departmentHead'].indexOf(b.escalatedTo) + 1 || 9)
    || b.createdAt.localeCompare(a.createdAt);

  function render() {
    const list = part('list');
    const wanted = [...complaints.values()].filter(shown).sort(order);
    const existing = new Map([...list.children].map(li => [li.dataset.complaint, li]));
    for (const [id, li] of existing) if (!wanted.some(c => c.id === id)) li.remove();
    // Kept cards keep their open state and what is typed in their forms; each is put in its place in the order.
    wanted.forEach((c, i) => {
      const li = existing.get(c.id) || card(c);
      update(li, c);
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
    });
    part('none').hidden = wanted.length > 0;
    const overdue = [...complaints.values()].filter(c => c.overdue).length;
    const count = part('overdue-count');
    count.hidden = overdue === 0;
    count.textContent = t('complaints.overdueCount', overdue);
    E.tick();
  }

  async function refresh(id) {
    const answer = await E.api('GET', `/api/complaints/${id}`);
    if (answer.ok) complaints.set(id, answer.data);
    else if (answer.status === 404) complaints.delete(id);
    else return;
    render();
  }

  // ---- filters ----
  root.querySelectorAll('[data-filter]').forEach(button => button.addEventListener('click', async () => {
    filter = button.dataset.filter;
    root.querySelectorAll('[data-filter]').forEach(b => { b.classList.toggle('active', b === button); b.setAttribute('aria-pressed', String(b === button)); });
    render();
  }));

  // ---- handling, by delegation: every card's buttons and forms ----
  const list = part('list');
  list.addEventListener('click', event => {
    const button = event.target.closest('[data-act=acknowledge]');
    if (!button) return;
    const id = button.closest('[data-complaint]').dataset.complaint;
    E.send(button.dataset, 'ack', key => E.api('POST', `/api/complaints/${id}/acknowledge`, undefined, key), {
      buttons: [button],
      then: result => (result.ok ? (complaints.set(id, result.data), render()) : E.showError(part('error'), result.problem)),
    });
  });
  const number = v => (v === '' || v === undefined ? null : Number(v));
  const moves = {
    action: (f, id, key) => E.api('POST', `/api/complaints/${id}/actions`, { kind: f.elements.kind.value, note: f.elements.note.value.trim() || null, value: number(f.elements.value.value) }, key),
    resolve: (f, id, key) => E.api('POST', `/api/complaints/${id}/resolve`, { resolution: f.elements.resolution.value.trim() || null, satisfaction: number(f.elements.satisfaction.value) }, key),
    fine: (f, id, key) => E.api('POST', `/api/complaints/${id}/fine`, {
      badge: f.elements.badge.value.trim() || null,
      amount: f.elements.amount ? number(f.elements.amount.value) : null,
      tip: f.elements.tip ? number(f.elements.tip.value) : null,
    }, key),
  };
  list.addEventListener('submit', event => {
    event.preventDefault();
    const f = event.target.closest('form[data-form]');
    const id = f.closest('[data-complaint]').dataset.complaint;
    E.submit(f, (form, key) => moves[form.dataset.form](form, id, key), () => {
      f.reset();
      E.freshForm(f);
      refresh(id);
    });
  });

  // ---- intake ----
  const intake = root.querySelector('form[data-form=intake]');
  E.submitOnce(intake, (f, key) => E.api('POST', '/api/complaints', {
    category: f.elements.category.value || null,
    severity: f.elements.severity.value || null,
    roomNumber: f.elements.roomNumber.value || null,
    guestName: f.elements.guestName.value.trim() || null,
    guestPhone: f.elements.guestPhone.value.trim() || null,
    staffBadges: f.elements.staffBadges.value.split(/[,，\s]+/).map(s => s.trim()).filter(Boolean),
    description: f.elements.description.value.trim() || null,
  }, key), created => {
    intake.reset();
    E.freshForm(intake);
    complaints.set(created.id, created);
    render();
  });

  // ---- statistics: this month, by category (chart), manager and room ----
  let chart = null;
  async function loadStats() {
    if (!seesStats) return;
    const answer = await E.api('GET', '/api/complaints/stats');
    if (!answer.ok) return;
    const s = answer.data;
    part('stats-summary').textContent = t('complaints.statsSummary', s.from, s.to, s.total, s.open, s.overdue,
      s.satisfaction === null ? '—' : s.satisfaction);
    const rows = (target, items) => part(target).replaceChildren(...items.slice(0, 10).map(r =>
      h('tr', null, h('td', null, r.name && r.name !== r.key ? `${r.name} ${r.key}` : (r.key || t('complaints.noRoom'))), h('td', { class: 'text-end' }, String(r.count)),
        h('td', { class: 'text-end text-danger' }, r.overdue ? String(r.overdue) : ''), h('td', { class: 'text-end' }, r.satisfaction === null ? '' : `★${r.satisfaction}`))));
    rows('by-manager', s.byManager);
    rows('by-room', s.byRoom);
    if (typeof Chart === 'undefined') return;
    const data = { labels: s.byCategory.map(r => r.name), datasets: [{ label: t('complaints.count'), data: s.byCategory.map(r => r.count), backgroundColor: '#dc3545' }] };
    if (chart) { chart.data = data; chart.update(); return; }
    chart = new Chart(part('chart'), { type: 'bar', data, options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } });
  }

  // ---- the working calendar (the GM): holidays and make-up working days ----
  async function loadCalendar() {
    if (!editsCalendar) return;
    const answer = await E.api('GET', '/api/working-calendar');
    if (!answer.ok) return;
    part('calendar-days').replaceChildren(...answer.data.days.map(d => h('li', { dataset: { day: d.day } },
      `${d.day} · ${t(d.working ? 'complaints.makeUpDay' : 'complaints.holiday')}${d.note ? ` · ${d.note}` : ''} `,
      h('button', { type: 'button', class: 'btn btn-link btn-sm p-0', dataset: { act: 'remove-day', day: d.day } }, t('complaints.removeDay')))));
  }
  const calendarForm = root.querySelector('form[data-form=calendar]');
  if (calendarForm) {
    E.submitOnce(calendarForm, (f, key) => E.api('PUT', `/api/working-calendar/${encodeURIComponent(f.elements.day.value || '-')}`,
      { working: f.elements.working.value === 'true', note: f.elements.note.value.trim() || null }, key), () => { calendarForm.reset(); E.freshForm(calendarForm); loadCalendar(); });
    part('calendar-days').addEventListener('click', async event => {
      const button = event.target.closest('[data-act=remove-day]');
      if (!button) return;
      const answer = await E.api('DELETE', `/api/working-calendar/${button.dataset.day}`);
      if (answer.ok) loadCalendar(); else E.showError(part('error'), answer.problem);
    });
  }

  // ---- live ----
  /** The unresolved ones, however old, and those resolved in the last 30 days: what a night's screen needs. */
  async function loadList() {
    const since = E.addDays(E.today, -30);
    const answers = await Promise.all([
      E.api('GET', '/api/complaints?status=open'),
      E.api('GET', '/api/complaints?status=acknowledged'),
      E.api('GET', `/api/complaints?status=resolved&from=${since}`),
    ]);
    if (answers.some(a => !a.ok)) throw new Error('snapshot');
    complaints.clear();
    for (const c of answers.flatMap(a => a.data)) complaints.set(c.id, c);
  }

  async function resync() {
    await loadList();
    render();
    await Promise.all([loadStats(), loadCalendar()]);
  }

  function complaintChanged(e) {
    refresh(e.id).catch(() => { /* the next resync shows it */ });
    loadStats().catch(() => { /* idem */ });
  }

  // Overdue is a reading of the clock: the screen turns a complaint red when its limit passes, between events too.
  setInterval(() => {
    let changed = false;
    for (const c of complaints.values()) {
      const limit = nextLimit(c);
      if (limit && !c.overdue && Date.parse(c.status === 'open' ? c.acknowledgeBy : c.solutionBy) < E.serverNow()) { changed = true; break; }
    }
    if (changed) resync().catch(() => { /* the next event or resync shows it */ });
  }, 15000);

  E.connect({ complaintChanged }, resync, E.liveStatus(root));
})();
