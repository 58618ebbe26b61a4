// The floor's attendance page (/attendance/floor): leave waiting for a decision (approve, or reject with a note),
// pings to people or a department whose answers arrive live ("pingAnswered"), and tonight's attendance of every
// customer manager and promoter from GET /api/attendance, with signing in on someone's behalf. Sign-ins, sign-outs
// and leave changes send "rotationChanged", on which the leave and the night are fetched again.
(function () {
  'use strict';
  const E = window.Encore;
  const D = E.discipline;
  const { t, h, page: root, part } = E;
  const me = E.me.toLowerCase();
  const isFloor = E.flag('floor');
  const seesAllPings = E.flag('seesAllPings');
  const nightStart = Date.parse(root.dataset.nightStart);
  const today = root.dataset.businessDay;

  const leave = new Map(); // id -> LeaveView
  const sent = new Map();  // id -> PingView
  let staffLoaded = false;

  // ---- leave ----

  // Which decisions a request takes comes from its allowedActions (the Domain's LeaveTransitions); who may decide is
  // the caller's (the floor flag). A request that takes none is decided.
  const decidable = l => isFloor && (E.allows(l, 'approve') || E.allows(l, 'reject'));

  function pendingItem(l) {
    return h('li', { class: 'card p-2 mb-2 leave-card', dataset: { leave: l.id, status: l.status, badge: l.badge } },
      h('div', { class: 'd-flex align-items-start gap-2' },
        h('div', { class: 'flex-grow-1' },
          h('strong', { class: 'me-1' }, `${l.name} ${l.badge}`), h('span', { class: 'me-1' }, D.leaveKindText(l.kind)),
          h('div', { class: 'text-muted small' }, D.leaveWhen(l)),
          h('div', { class: 'approval-reason' }, l.reason)),
        D.leaveStatusBadge(l.status)),
      h('form', { class: 'mt-2', dataset: { form: 'decide' }, novalidate: true },
        h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
        h('input', { class: 'form-control form-control-sm mb-1', name: 'note', maxlength: '500', placeholder: t('leave.note'), 'aria-label': t('leave.note') }),
        h('div', { class: 'field-error', dataset: { errorFor: 'note' } }),
        h('div', { class: 'd-flex gap-2' },
          E.allows(l, 'approve') ? h('button', { type: 'button', class: 'btn btn-success flex-grow-1', dataset: { decision: 'approve', testid: 'approve' } }, t('leave.approve')) : null,
          E.allows(l, 'reject') ? h('button', { type: 'button', class: 'btn btn-outline-danger flex-grow-1', dataset: { decision: 'reject', testid: 'reject' } }, t('leave.reject')) : null)));
  }

  function decidedItem(l) {
    return h('li', { class: 'leave-decided-item', dataset: { leave: l.id, status: l.status } },
      D.leaveStatusBadge(l.status), ' ', `${l.name} ${l.badge} · ${D.leaveKindText(l.kind)} · ${D.leaveWhen(l)}`,
      l.backAt ? ` · ${t('leave.backAt', E.hhmm(l.backAt))}` : '', D.leaveDecision(l));
  }

  function renderLeave() {
    if (!isFloor) return;
    const all = [...leave.values()];
    const pending = all.filter(decidable).sort((a, b) => a.from.localeCompare(b.from));
    const list = part('pending');
    // Keep the notes someone is typing: only add and remove items.
    const shown = new Map([...list.children].map(li => [li.dataset.leave, li]));
    for (const [id, li] of shown) if (!pending.some(l => l.id === id)) li.remove();
    for (const l of pending) if (!shown.has(l.id)) list.append(pendingItem(l));
    part('pending-none').hidden = pending.length > 0;
    part('pending-count').textContent = String(pending.length);
    const decided = all.filter(l => !decidable(l) && l.businessDay >= today).sort((a, b) => a.from.localeCompare(b.from));
    part('decided').replaceChildren(...decided.map(decidedItem));
    part('decided-title').hidden = decided.length === 0;
  }

  async function loadLeave() {
    if (!isFloor) return;
    const answer = await E.api('GET', '/api/leave');
    if (!answer.ok) throw new Error('leave');
    leave.clear();
    answer.data.forEach(l => leave.set(l.id, l));
    renderLeave();
  }

  if (isFloor) {
    E.decisionButtons(part('pending'), async (form, decision, key) => {
      const id = form.closest('[data-leave]').dataset.leave;
      const note = form.elements.note.value.trim();
      const result = await E.api('POST', `/api/leave/${id}/${decision}`, { note: note || null }, key);
      if (result.ok) { leave.set(id, result.data); renderLeave(); }
      else if (result.status === 409) loadLeave().catch(() => { /* shown on the next event */ });
      return result;
    });
  }

  // ---- tonight's attendance ----

  function nightRow(p) {
    const chips = [];
    if (p.late) chips.push(D.chip(t('attendance.late'), 'danger', 'late'));
    if (p.calledIn) chips.push(D.chip(t('night.calledIn'), 'info', 'called-in'));
    if (p.bookingSuspended) chips.push(D.chip(t('attendance.bookingSuspended'), 'danger', 'booking-suspended'));
    if (p.noPay) chips.push(D.chip(t('attendance.noPay'), 'warning', 'no-pay'));
    if (p.absent) chips.push(D.chip(t('attendance.absent'), 'dark', 'absent'));
    if (p.signedOutAt) chips.push(D.chip(t('attendance.signedOutAt', E.hhmm(p.signedOutAt)), 'secondary', 'signed-out'));
    if (p.signedInByOther) chips.push(D.chip(t('attendance.signedInByOther'), 'light', 'by-other'));
    if (p.leave) chips.push(h('span', { class: 'night-leave', dataset: { part: 'leave' } }, D.leaveKindText(p.leave.kind), ' ', D.leaveStatusBadge(p.leave.status)));
    const canSignIn = isFloor && !p.signedInAt && !p.absent;
    return h('li', { class: 'night-item', dataset: { badge: p.badge, signedIn: String(!!p.signedInAt), late: String(p.late), absent: String(p.absent) } },
      h('span', { class: 'night-time', dataset: { part: 'signed-in' } }, p.signedInAt ? E.hhmm(p.signedInAt) : t('night.notYet')),
      h('span', { class: 'night-who' }, h('strong', null, p.name), ' ', h('span', { class: 'text-muted small' }, `${p.badge}${p.department ? ' · ' + p.department : ''}`)),
      chips.length > 0 ? h('span', { class: 'night-chips' }, chips) : null,
      canSignIn ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-primary ms-auto', dataset: { act: 'sign-in-for', testid: 'sign-in-for' } }, t('night.signInFor')) : null,
      p.note ? h('div', { class: 'night-note small text-muted' }, p.note) : null);
  }

  async function loadNight() {
    const answer = await E.api('GET', '/api/attendance');
    if (!answer.ok) throw new Error('night');
    const people = answer.data;
    part('night').replaceChildren(...people.map(nightRow));
    part('night-summary').textContent = t('night.summary', people.filter(p => p.signedInAt).length, people.length,
      people.filter(p => p.late).length, people.filter(p => p.absent).length, people.filter(p => p.leave && p.leave.status === 'approved').length);
  }

  const signIns = {}; // badge -> the send() state of signing them in
  part('night').addEventListener('click', event => {
    const button = event.target.closest('button[data-act=sign-in-for]');
    if (!button || button.disabled) return;
    const badge = button.closest('[data-badge]').dataset.badge;
    const error = part('night-error');
    E.send(signIns[badge] ??= {}, '', key => {
      error.hidden = true;
      return E.api('POST', '/api/attendance/sign-in', { badge }, key);
    }, {
      buttons: [button],
      then: async result => {
        if (!result.ok) E.showError(error, result.problem);
        await loadNight();
      },
    });
  });

  // ---- pings ----

  const pingForm = root.querySelector('form[data-form=ping]');

  async function loadStaff() {
    if (staffLoaded) return;
    const answer = await E.api('GET', '/api/staff');
    if (!answer.ok) throw new Error('staff');
    const people = answer.data.filter(s => s.active && s.badge.toLowerCase() !== me);
    const departments = [...new Set(people.map(s => s.department).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    const select = pingForm.elements.department;
    select.replaceChildren(select.options[0], ...departments.map(d => h('option', { value: d }, d)));
    const groups = new Map();
    for (const s of people) {
      const key = s.department || '—';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(s);
    }
    // Departments by name, people without one (the GM, the desk) last.
    const order = ([a], [b]) => (a === '—') - (b === '—') || a.localeCompare(b, 'zh-CN');
    part('people').replaceChildren(...[...groups].sort(order).map(([department, list]) =>
      h('div', { class: 'ping-group' },
        h('div', { class: 'small text-muted' }, department),
        list.map(s => h('label', { class: 'ping-person' },
          h('input', { type: 'checkbox', class: 'form-check-input me-1', name: 'badges', value: s.badge }),
          `${s.name} ${s.badge}`)))));
    staffLoaded = true;
  }

  function sentItem(p) {
    return h('li', { class: 'ping-item', dataset: { ping: p.id, badge: p.badge, answered: String(!!p.answeredAt), offPost: String(p.offPost) } },
      h('div', null, h('strong', null, t('ping.to', p.name, p.badge)), ' ', h('span', { class: 'small text-muted' }, E.hhmm(p.sentAt)),
        seesAllPings && p.sentBy.toLowerCase() !== me ? h('span', { class: 'small text-muted' }, ' · ', t('ping.sentBy', p.sentBy)) : null,
        p.message ? h('span', { class: 'small' }, ` · ${p.message}`) : null),
      h('div', { class: 'small' }, D.pingState(p)));
  }

  function renderSent() {
    const list = [...sent.values()].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
    part('sent').replaceChildren(...list.map(sentItem));
    part('sent-none').hidden = list.length > 0;
  }

  // Pings sent tonight: the caller's own (the GM sees everyone's), not those sent to the caller.
  const mineToShow = p => p.badge.toLowerCase() !== me && Date.parse(p.sentAt) >= nightStart && (seesAllPings || p.sentBy.toLowerCase() === me);

  async function loadSent() {
    const answer = await E.api('GET', '/api/pings');
    if (!answer.ok) throw new Error('pings');
    sent.clear();
    answer.data.filter(mineToShow).forEach(p => sent.set(p.id, p));
    renderSent();
  }

  E.submitOnce(pingForm, (f, key) => {
    const badges = [...f.querySelectorAll('input[name=badges]:checked')].map(i => i.value);
    const department = f.elements.department.value;
    return E.api('POST', '/api/pings', { badges, department: department || null, message: f.elements.message.value.trim() || null }, key);
  }, (data, f) => {
    data.forEach(p => sent.set(p.id, p));
    renderSent();
    f.querySelectorAll('input[name=badges]:checked').forEach(i => { i.checked = false; });
    f.elements.department.value = '';
    f.elements.message.value = '';
  });

  function pingAnswered(p) {
    if (!mineToShow(p)) return;
    sent.set(p.id, p);
    renderSent();
  }

  // ---- live ----

  const refresh = E.debounce(() => Promise.all([loadLeave(), loadNight()]).catch(() => { /* the next event or resync shows it */ }), 300);
  const resync = () => Promise.all([loadStaff(), loadLeave(), loadNight(), loadSent()]);
  E.connect({ pingAnswered, rotationChanged: refresh }, resync, E.liveStatus(root));
})();
