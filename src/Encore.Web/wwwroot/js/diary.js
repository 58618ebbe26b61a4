// The work diary, /diary (SPEC.md "Daily work diary"): the night pre-filled from what Encore knows (booked customers
// and their spend, comps given, new customers met, return-visit feedback, complaints), the manager's own feedback and
// events, submit; the team's diaries of a night for the head, the floor and the GM, with comments. The API decides.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const keeps = E.flag('keeps');
  const reads = E.flag('reads');
  const pageError = root.querySelector(':scope > [data-part=error]');
  const dayInput = E.part('day');
  const card = E.part('diary');
  const team = E.part('team');
  const nights = E.part('nights');

  const query = new URLSearchParams(location.search);
  if (/^\d{4}-\d{2}-\d{2}$/.test(query.get('day') || '')) dayInput.value = query.get('day');
  // Whose diary is open: the caller's own (null) or a badge from the team list.
  let open = query.get('badge') || (keeps ? null : undefined);

  const day = () => dayInput.value || E.today;

  /** Where a diary stands, as a chip: submitted (late or in time), overdue, a draft, or a night off duty. */
  function status(d) {
    if (d.submitted) return h('span', { class: 'badge text-bg-' + (d.submittedLate ? 'warning' : 'success'), dataset: { status: d.submittedLate ? 'late' : 'submitted' } },
      t(d.submittedLate ? 'diary.status.late' : 'diary.status.submitted'));
    if (d.overdue) return h('span', { class: 'badge text-bg-danger', dataset: { status: 'overdue' } }, t('diary.status.overdue'));
    if (!d.onDuty) return h('span', { class: 'badge text-bg-light text-muted', dataset: { status: 'offDuty' } }, t('diary.status.offDuty'));
    return h('span', { class: 'badge text-bg-secondary', dataset: { status: 'draft' } }, t('diary.status.draft'));
  }

  function section(name, title, items, row) {
    return h('section', { class: 'mb-3', dataset: { section: name }, 'data-testid': 'diary-' + name },
      h('h3', { class: 'h6 mb-1' }, title, ' ', h('span', { class: 'text-muted small' }, String(items.length))),
      items.length ? h('ul', { class: 'list-unstyled mb-0 small diary-lines' }, items.map(row))
        : h('div', { class: 'text-muted small' }, t('diary.none')));
  }

  function render(d) {
    const title = h('div', { class: 'd-flex flex-wrap align-items-baseline gap-2 mb-2' },
      h('h2', { class: 'h5 mb-0' }, `${d.name} (${d.badge})`), h('span', { class: 'text-muted' }, d.businessDay), status(d),
      h('span', { class: 'ms-auto small text-muted' }, t('diary.dueAt', E.dateTime(d.dueAt))));
    const totals = h('div', { class: 'diary-totals mb-3' },
      h('span', null, t('diary.rooms', d.rooms)), h('span', { 'data-testid': 'diary-spend' }, t('diary.spend', E.money(d.spend))));
    const parts = [
      section('booked', t('diary.booked'), d.bookedCustomers, b => h('li', { dataset: { room: b.roomNumber } },
        h('span', { class: 'fw-semibold' }, b.roomNumber), ' ', b.walkIn ? t('diary.walkIn') : b.name, ' · ',
        b.closed ? E.money(b.spend) : h('span', { class: 'text-muted' }, t('diary.open')))),
      section('comps', t('diary.comps'), d.comps, c => h('li', null, h('span', { class: 'fw-semibold' }, c.roomNumber), ' ', c.item, ' · ', E.money(c.value))),
      section('new', t('diary.newCustomers'), d.newCustomers, c => h('li', null, c.name, ' · ', c.phone)),
      section('visits', t('diary.returnVisits'), d.returnVisits, v => h('li', null, h('span', { class: 'fw-semibold' }, v.customerName), ' ',
        v.outcome || '', v.satisfaction ? ` · ${t('diary.satisfaction', v.satisfaction)}` : '')),
      section('complaints', t('diary.complaints'), d.complaints, c => h('li', null,
        h('span', { class: 'badge text-bg-warning me-1' }, t('complaint.category.' + c.category)), c.roomNumber ? c.roomNumber + ' ' : '', c.description,
        ' · ', t('complaint.status.' + c.status))),
    ];
    card.replaceChildren(title, totals, ...parts, writing(d), comments(d));
    card.hidden = false;
  }

  /** The manager's own words: a form while it is theirs and not submitted, the text once it is. */
  function writing(d) {
    if (!d.mine || d.submitted) {
      return h('section', { class: 'mb-3' },
        h('h3', { class: 'h6 mb-1' }, t('field.feedback')), h('p', { class: 'diary-text', 'data-testid': 'diary-feedback-text' }, d.feedback || t('diary.none')),
        h('h3', { class: 'h6 mb-1' }, t('field.events')), h('p', { class: 'diary-text' }, d.events || t('diary.none')));
    }
    const form = h('form', { class: 'mb-3', novalidate: true, 'data-testid': 'diary-form' },
      h('div', { class: 'alert alert-danger py-2', dataset: { part: 'error' }, hidden: true }),
      h('label', { class: 'form-label small mb-0', for: 'diary-feedback' }, t('field.feedback')),
      h('textarea', { class: 'form-control mb-1', id: 'diary-feedback', name: 'feedback', rows: 3, maxlength: 2000, placeholder: t('diary.feedbackHint') }),
      h('div', { class: 'field-error', dataset: { errorFor: 'feedback' } }),
      h('label', { class: 'form-label small mb-0', for: 'diary-events' }, t('field.events')),
      h('textarea', { class: 'form-control mb-1', id: 'diary-events', name: 'events', rows: 2, maxlength: 2000, placeholder: t('diary.eventsHint') }),
      h('div', { class: 'field-error', dataset: { errorFor: 'events' } }),
      h('div', { class: 'd-flex gap-2' },
        h('button', { type: 'submit', class: 'btn btn-outline-primary flex-fill', 'data-testid': 'diary-save' }, t('diary.save')),
        h('button', { type: 'button', class: 'btn btn-primary flex-fill', dataset: { act: 'submit' }, 'data-testid': 'diary-submit' }, t('diary.submit'))),
      h('div', { class: 'small text-success mt-1', dataset: { part: 'flash' } }));
    form.elements.feedback.value = d.feedback;
    form.elements.events.value = d.events;
    const words = () => ({ feedback: form.elements.feedback.value, events: form.elements.events.value });
    E.submitOnce(form, (f, key) => E.api('PUT', `/api/diary/${d.businessDay}`, words(), key), saved => {
      E.part('flash', form).textContent = t('diary.saved');
      d.feedback = saved.feedback; d.events = saved.events;
    });
    const submit = form.querySelector('[data-act=submit]');
    submit.addEventListener('click', () => {
      if (!window.confirm(t('diary.confirmSubmit'))) return;
      E.send(form.dataset, 'submit', async key => {
        E.clearErrors(form);
        // What is typed goes with the submission: saved first, then frozen.
        const saved = await E.api('PUT', `/api/diary/${d.businessDay}`, words(), key + '-words');
        return saved.ok ? E.api('POST', `/api/diary/${d.businessDay}/submit`, undefined, key) : saved;
      }, {
        buttons: form.querySelectorAll('button'),
        then: result => {
          if (!result.ok) { E.showProblem(form, result.problem); return; }
          render(result.data);
          loadLists();
        },
      });
    });
    return form;
  }

  function comments(d) {
    const list = h('ul', { class: 'list-unstyled small mb-2', 'data-testid': 'diary-comments' }, d.comments.map(c =>
      h('li', { class: 'diary-comment' }, h('span', { class: 'fw-semibold' }, `${c.name} (${c.by})`), ' ', h('span', { class: 'text-muted' }, E.dateTime(c.at)),
        h('div', { class: 'diary-text' }, c.text))));
    const box = h('section', null, h('h3', { class: 'h6 mb-1' }, t('diary.comments')), d.comments.length ? list : h('div', { class: 'text-muted small mb-2' }, t('diary.none')));
    if (!d.mine && reads) {
      const form = h('form', { class: 'd-flex flex-column gap-1', novalidate: true, 'data-testid': 'diary-comment-form' },
        h('div', { class: 'alert alert-danger py-2', dataset: { part: 'error' }, hidden: true }),
        h('textarea', { class: 'form-control form-control-sm', name: 'text', rows: 2, maxlength: 1000, placeholder: t('diary.commentHint'), 'aria-label': t('diary.comments') }),
        h('div', { class: 'field-error', dataset: { errorFor: 'text' } }),
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary align-self-end' }, t('diary.comment')));
      E.submitOnce(form, (f, key) => E.api('POST', `/api/diary/${d.businessDay}/comments?badge=${encodeURIComponent(d.badge)}`, { text: f.elements.text.value }, key),
        data => { render(data); loadLists(); });
      box.append(form);
    }
    return box;
  }

  async function show(badge) {
    open = badge;
    const url = `/api/diary/${day()}` + (badge ? `?badge=${encodeURIComponent(badge)}` : '');
    const result = await E.api('GET', url);
    if (!result.ok) { E.showError(pageError, result.problem); card.hidden = true; return; }
    pageError.hidden = true;
    render(result.data);
  }

  /** The team's diaries of the night (heads, the floor, the GM), each opening on a tap. */
  async function loadTeam() {
    if (!team) return;
    const result = await E.api('GET', `/api/diary?from=${day()}&to=${day()}`);
    if (!result.ok) { E.showError(pageError, result.problem); return; }
    team.replaceChildren(...(result.data.length ? result.data.map(r => h('li', null,
      h('button', { type: 'button', class: 'btn btn-link btn-sm text-start w-100 d-flex gap-2 align-items-center diary-team-row', dataset: { badge: r.badge }, 'data-testid': 'diary-team-' + r.badge },
        h('span', { class: 'fw-semibold' }, r.badge), h('span', null, r.name), h('span', { class: 'text-muted small' }, r.department),
        h('span', { class: 'ms-auto' }, status(r)), r.comments ? h('span', { class: 'badge text-bg-info' }, t('diary.commentCount', r.comments)) : null)))
      : [h('li', { class: 'text-muted small' }, t('diary.none'))]));
  }

  /** The manager's last seven nights, each a chip showing where it stands. */
  async function loadNights() {
    if (!nights) return;
    const result = await E.api('GET', `/api/diary?from=${E.addDays(E.today, -6)}&to=${E.today}`);
    if (!result.ok) return;
    nights.replaceChildren(...result.data.map(r => h('li', { class: 'list-inline-item mb-1' },
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary diary-night' + (r.businessDay === day() ? ' active' : ''), dataset: { day: r.businessDay } },
        r.businessDay.substring(5), ' ', status(r)))));
  }

  const loadLists = () => Promise.all([loadTeam(), loadNights()]);

  function go(newDay) {
    if (newDay > E.today) return;
    dayInput.value = newDay;
    loadLists();
    if (open !== undefined) show(open);
  }

  dayInput.addEventListener('change', () => go(day()));
  E.part('prev').addEventListener('click', () => go(E.addDays(day(), -1)));
  E.part('next').addEventListener('click', () => go(E.addDays(day(), 1)));
  if (team) team.addEventListener('click', event => {
    const row = event.target.closest('[data-badge]');
    if (row) show(row.dataset.badge);
  });
  if (nights) nights.addEventListener('click', event => {
    const chip = event.target.closest('[data-day]');
    if (chip) { open = null; go(chip.dataset.day); }
  });

  loadLists();
  if (open !== undefined) show(open);
})();
