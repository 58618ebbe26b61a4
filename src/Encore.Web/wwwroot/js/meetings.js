// Meetings, /meetings (SPEC.md "Daily work diary and meetings"): the day's meetings, check-in from the phone, the
// agenda (a pre-shift meeting's brief: tonight's bookings and the month's targets), attendance, minutes and actions.
// The API decides; this shows what it says, and reads again on each "meetingChanged" from /hubs/board.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root, part } = E;
  const pageError = root.querySelector(':scope > [data-part=error]');
  const mayRun = E.flag('mayRun');
  const dayInput = part('day');
  const list = part('list');
  const detail = part('detail');
  let current = new URLSearchParams(location.search).get('id');
  dayInput.value = E.today;

  const statusClass = { present: 'success', late: 'warning', absent: 'danger', onLeave: 'info', expected: 'secondary' };
  const statusBadge = status => h('span', { class: `badge text-bg-${statusClass[status] || 'secondary'}`, dataset: { status } }, t('meetings.status.' + status));
  const counts = c => t('meetings.counts', c.present, c.late, c.absent, c.onLeave, c.expected);

  async function loadList() {
    const answer = await E.api('GET', '/api/meetings?businessDay=' + encodeURIComponent(dayInput.value || E.today));
    if (!answer.ok) { E.showError(pageError, answer.problem); return; }
    list.replaceChildren(...(answer.data.length ? answer.data.map(m => h('li', { class: 'card p-2 mb-2', dataset: { meeting: m.id } },
      h('button', { type: 'button', class: 'btn btn-link p-0 text-start w-100 text-decoration-none', dataset: { open: m.id } },
        h('div', { class: 'd-flex gap-2 align-items-baseline' },
          h('span', { class: 'fw-semibold' }, t('meetings.kind.' + m.kind)),
          h('span', null, E.hhmm(m.startsAt)),
          h('span', { class: 'small text-muted' }, m.chairName),
          m.myStatus ? h('span', { class: 'ms-auto' }, statusBadge(m.myStatus)) : null),
        h('div', { class: 'small text-muted' }, counts(m.counts), m.hasMinutes ? ' · ' + t('meetings.hasMinutes') : '')))) : [h('li', { class: 'text-muted small' }, t('meetings.none'))]));
    list.querySelectorAll('[data-open]').forEach(b => b.addEventListener('click', () => open(b.dataset.open)));
    if (!current && answer.data.length) open(answer.data[0].id);
  }

  async function open(id) {
    current = id;
    history.replaceState(null, '', '/meetings?id=' + encodeURIComponent(id));
    const answer = await E.api('GET', '/api/meetings/' + id);
    if (!answer.ok) { E.showError(pageError, answer.problem); return; }
    render(answer.data);
  }

  function brief(b) {
    return h('div', { class: 'mb-2', dataset: { part: 'brief' }, 'data-testid': 'meeting-brief' },
      h('h3', { class: 'h6 mt-2' }, t('meetings.brief.bookings', b.bookings)),
      h('ul', { class: 'small mb-2' }, b.byManager.map(x => h('li', null, `${x.badge} ${x.name}: ${x.count}`))),
      h('h3', { class: 'h6' }, t('meetings.brief.targets', b.month)),
      h('div', { class: 'small mb-1' }, t('meetings.brief.total', E.money(b.spend), E.money(b.targetSpend), b.rooms, b.targetRooms)),
      h('div', { class: 'table-responsive' }, h('table', { class: 'table table-sm small mb-0' },
        h('thead', null, h('tr', null, h('th', null, t('meetings.brief.who')), h('th', null, t('meetings.brief.spend')), h('th', null, t('meetings.brief.rooms')))),
        h('tbody', null, b.targets.map(x => h('tr', null, h('td', null, `${x.badge} ${x.name}`),
          h('td', null, `${E.money(x.spend)} / ${E.money(x.targetSpend)} (${E.percent(x.attainment)})`),
          h('td', null, `${x.rooms} / ${x.targetRooms}`)))))));
  }

  function actionItem(a, m) {
    const li = h('li', { class: 'mb-1', dataset: { action: a.id, done: String(a.done), overdue: String(a.overdue) } },
      a.done ? h('span', { class: 'badge text-bg-success me-1' }, t('meetings.action.done'))
        : a.overdue ? h('span', { class: 'badge text-bg-danger me-1' }, t('meetings.action.overdue')) : null,
      `${a.text} · ${a.ownerBadge} ${a.ownerName} · ${t('meetings.action.due', a.due)}`);
    if (!a.done && (a.ownerBadge === E.me || m.chairBadge === E.me)) {
      const state = {};
      const button = h('button', { type: 'button', class: 'btn btn-sm btn-outline-success ms-2 d-print-none', 'data-testid': 'action-done' }, t('meetings.action.markDone'));
      button.addEventListener('click', () => E.send(state, 'done', key => E.api('POST', `/api/meetings/actions/${a.id}/done`, null, key), {
        buttons: [button], then: r => { if (r.ok) open(m.id); else E.showError(pageError, r.problem); },
      }));
      li.append(button);
    }
    return li;
  }

  function actionRow(a) {
    return h('div', { class: 'row g-1 mb-1', dataset: { part: 'action-row' } },
      h('div', { class: 'col-12 col-md-6' }, h('input', { class: 'form-control form-control-sm', name: 'text', maxlength: 500, placeholder: t('field.actions[].text'), 'aria-label': t('field.actions[].text'), value: a ? a.text : '' })),
      h('div', { class: 'col-6 col-md-3' }, h('input', { class: 'form-control form-control-sm', name: 'ownerBadge', maxlength: 32, placeholder: t('field.actions[].ownerBadge'), 'aria-label': t('field.actions[].ownerBadge'), value: a ? a.ownerBadge : '' })),
      h('div', { class: 'col-6 col-md-3' }, h('input', { class: 'form-control form-control-sm', type: 'date', name: 'due', 'aria-label': t('field.actions[].due'), value: a ? a.due : E.addDays(E.today, 1) })));
  }

  function minutesForm(m) {
    const rows = h('div', { dataset: { part: 'action-rows' } }, m.actions.filter(a => !a.done).map(actionRow));
    const add = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary mb-2', 'data-testid': 'action-add' }, t('meetings.action.add'));
    add.addEventListener('click', () => rows.append(actionRow(null)));
    const form = h('form', { class: 'd-print-none mt-2', dataset: { form: 'minutes' }, 'data-testid': 'minutes-form', novalidate: true },
      h('div', { class: 'alert alert-danger py-2', dataset: { part: 'error' }, hidden: true }),
      h('textarea', { class: 'form-control mb-1', name: 'minutes', rows: 4, maxlength: 4000, 'aria-label': t('field.minutes'), placeholder: t('field.minutes') }),
      h('div', { class: 'field-error', dataset: { errorFor: 'minutes' } }),
      h('div', { class: 'small fw-semibold' }, t('meetings.actions')), rows, add,
      h('button', { type: 'submit', class: 'btn btn-primary w-100', 'data-testid': 'minutes-save' }, t('meetings.saveMinutes')));
    form.elements.minutes.value = m.minutes || '';
    E.submitOnce(form, (f, key) => E.api('PUT', `/api/meetings/${m.id}/minutes`, {
      minutes: f.elements.minutes.value.trim() || null,
      actions: [...rows.querySelectorAll('[data-part=action-row]')]
        .map(r => ({ text: r.querySelector('[name=text]').value.trim(), ownerBadge: r.querySelector('[name=ownerBadge]').value.trim(), due: r.querySelector('[name=due]').value }))
        .filter(a => a.text || a.ownerBadge),
    }, key), data => render(data));
    return form;
  }

  function render(m) {
    detail.hidden = false;
    const mine = m.myStatus;
    const checkIn = h('div', { class: 'my-2 d-print-none', dataset: { part: 'check-in' } });
    if (mine === 'present' || mine === 'late') checkIn.append(h('div', { class: 'alert py-2 mb-0 alert-' + (mine === 'late' ? 'warning' : 'success'), 'data-testid': 'check-in-result' }, t(mine === 'late' ? 'meetings.youLate' : 'meetings.youOnTime')));
    else if (!m.ended && m.chairBadge !== E.me) {
      const state = {};
      const button = h('button', { type: 'button', class: 'btn btn-success w-100', 'data-testid': 'check-in' }, t('meetings.checkIn'));
      button.addEventListener('click', () => E.send(state, 'check-in', key => E.api('POST', `/api/meetings/${m.id}/check-in`, null, key), {
        buttons: [button], then: r => { if (r.ok) { open(m.id); loadList(); } else E.showError(pageError, r.problem); },
      }));
      checkIn.append(button);
    }
    // replaceChildren() would write a null as the text "null": the parts a meeting lacks are left out first.
    detail.replaceChildren(...[
      h('div', { class: 'd-flex align-items-baseline gap-2' },
        h('h2', { class: 'h5 mb-0' }, t('meetings.kind.' + m.kind)),
        h('span', null, E.dateTime(m.startsAt)),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary ms-auto d-print-none', dataset: { part: 'print' } }, t('meetings.print'))),
      h('div', { class: 'small text-muted' }, t('meetings.chair', m.chairBadge, m.chairName), m.ended ? ' · ' + t('meetings.ended') : ''),
      checkIn,
      h('h3', { class: 'h6 mt-2' }, t('meetings.agenda')),
      m.brief ? brief(m.brief) : null,
      m.agenda ? h('p', { class: 'mb-2', 'data-testid': 'meeting-agenda' }, m.agenda) : null,
      h('h3', { class: 'h6 mt-2' }, t('meetings.attendance'), ' ', h('span', { class: 'small text-muted fw-normal' }, counts(m.counts))),
      h('ul', { class: 'list-unstyled small', 'data-testid': 'meeting-attendance' }, m.attendance.map(a => h('li', { dataset: { badge: a.badge, status: a.status } },
        statusBadge(a.status), ` ${a.badge} ${a.name}`, a.checkedInAt ? ` · ${E.hhmm(a.checkedInAt)}` : ''))),
      h('h3', { class: 'h6 mt-2' }, t('meetings.minutes')),
      m.minutes ? h('p', { class: 'text-break', 'data-testid': 'meeting-minutes' }, m.minutes) : h('p', { class: 'small text-muted' }, t('meetings.noMinutes')),
      h('h3', { class: 'h6' }, t('meetings.actions')),
      h('ul', { class: 'list-unstyled small', 'data-testid': 'meeting-actions' }, m.actions.map(a => actionItem(a, m))),
      m.canRun && mayRun ? minutesForm(m) : null].filter(Boolean));
    detail.querySelector('[data-part=print]').addEventListener('click', () => window.print());
  }

  // The new-meeting form: tonight at the house's meeting time by default (attendance.meetingAt), the pre-shift brief filled by the server.
  const form = root.querySelector('[data-form=meeting]');
  if (form) {
    form.elements.startsAt.value = `${E.today}T${root.dataset.meetingAt || '19:00'}`;
    E.submitOnce(form, (f, key) => E.api('POST', '/api/meetings', {
      kind: f.elements.kind.value, startsAt: f.elements.startsAt.value || null, agenda: f.elements.agenda.value.trim() || null,
    }, key), (data, f) => { f.elements.agenda.value = ''; f.closest('details').open = false; render(data); current = data.id; history.replaceState(null, '', '/meetings?id=' + data.id); loadList(); });
  }

  dayInput.addEventListener('change', () => { current = null; loadList(); });
  const reload = E.debounce(() => { loadList(); if (current) open(current); }, 300);
  E.connect({ meetingChanged: () => reload() }, async () => { await loadList(); if (current) await open(current); }, E.liveStatus(root));
})();
