// A member of staff's night (/attendance): tonight's state from GET /api/attendance/today with sign-in, call-in
// (only before the sign-in time) and sign-out (warned before closing); leave asked for and its answer; and pings
// (查岗) that arrive on the hub ("pinged") as a banner with a countdown to the due time and an answer button.
// A floor manager's decision on leave reaches the phone with "rotationChanged", which every leave change sends.
(function () {
  'use strict';
  const E = window.Encore;
  const D = E.discipline;
  const { t, h, page: root, part, today } = E;
  const me = E.me.toLowerCase();
  const nightStart = Date.parse(root.dataset.nightStart);
  const closing = Date.parse(root.dataset.closing);
  const dinnerBackBy = root.dataset.dinnerBackBy;
  const cutoff = root.dataset.cutoff;

  const card = root.querySelector('[data-testid=today]');
  const button = act => card.querySelector(`[data-act=${act}]`);
  const callInForm = card.querySelector('form[data-form=call-in]');
  const general = part('error', card);
  const outcome = part('outcome', card);
  const early = part('early', card);
  let state = null; // GET /api/attendance/today
  const pings = new Map(); // id -> PingView (to me, tonight)
  const leave = new Map(); // id -> LeaveView (mine)

  // ---- tonight ----

  function renderToday() {
    const s = state;
    const signedIn = !!s.signedInAt && !s.signedOutAt;
    Object.assign(card.dataset, {
      signedIn: String(signedIn), late: String(s.late), calledIn: String(!!s.calledInAt), noPay: String(s.noPay),
      bookingSuspended: String(s.bookingSuspended), absent: String(s.absent), signInBy: s.signInBy,
    });
    part('sign-in-by', card).textContent = t('attendance.signInBy', E.hhmm(s.signInBy));
    const chips = [];
    if (s.signedInAt) {
      chips.push(D.chip(t('attendance.signedInAt', E.hhmm(s.signedInAt)), 'primary', 'signed-in'));
      chips.push(s.late ? D.chip(t('attendance.late'), 'danger', 'late') : D.chip(t('attendance.onTime'), 'success', 'on-time'));
    } else {
      chips.push(D.chip(t('attendance.notSignedInYet'), 'secondary', 'not-signed-in'));
    }
    if (s.calledInAt) chips.push(D.chip(t('attendance.calledInAt', E.hhmm(s.calledInAt)), 'info', 'called-in'));
    if (s.noPay) chips.push(D.chip(t('attendance.noPay'), 'danger', 'no-pay'));
    if (s.bookingSuspended) chips.push(D.chip(t('attendance.bookingSuspended'), 'danger', 'booking-suspended'));
    if (s.performanceCancelled) chips.push(D.chip(t('attendance.performanceCancelled'), 'danger', 'performance-cancelled'));
    if (s.absent) chips.push(D.chip(t('attendance.absent'), 'dark', 'absent'));
    if (s.signedOutAt) chips.push(D.chip(t('attendance.signedOutAt', E.hhmm(s.signedOutAt)), 'secondary', 'signed-out'));
    part('state', card).replaceChildren(h('div', { class: 'd-flex flex-wrap gap-1' }, chips));
    renderButtons();
  }

  /** Runs every second too: the call-in button goes away the moment the sign-in time passes. */
  function renderButtons() {
    if (!state) return;
    const s = state;
    const signedIn = !!s.signedInAt && !s.signedOutAt;
    const canCallIn = !s.signedInAt && !s.calledInAt && E.serverNow() <= Date.parse(s.signInBy);
    button('sign-in').hidden = signedIn;
    button('sign-out').hidden = !signedIn;
    button('call-in').hidden = !canCallIn;
    if (!canCallIn) { callInForm.hidden = true; button('call-in').setAttribute('aria-expanded', 'false'); }
    if (!signedIn) early.hidden = true;
  }
  setInterval(renderButtons, 1000);

  async function loadToday() {
    const answer = await E.api('GET', '/api/attendance/today');
    if (!answer.ok) throw new Error('today');
    state = answer.data;
    renderToday();
  }

  const moves = {}; // one move at a time; a move's key is kept until a settled answer
  function move(act, url, body, onOk) {
    return E.send(moves, act, key => {
      general.hidden = true;
      return E.api('POST', url, body, key);
    }, {
      buttons: card.querySelectorAll('button'),
      then: async result => {
        if (!result.ok) E.showError(general, result.problem);
        else if (onOk) onOk(result.data);
        await loadToday().catch(() => hub.catchUp());
      },
    });
  }

  function signedIn(result) {
    outcome.hidden = !result.late;
    outcome.textContent = result.late ? (result.bookingSuspended ? t('attendance.lateSevere') : t('attendance.lateCalledIn')) : '';
  }

  const signOut = () => move('sign-out', '/api/attendance/sign-out', {}, () => { early.hidden = true; outcome.hidden = true; });

  card.addEventListener('click', event => {
    const act = event.target.closest('button[data-act]')?.dataset.act;
    if (!act) return;
    if (act === 'sign-in') move('sign-in', '/api/attendance/sign-in', {}, signedIn);
    else if (act === 'sign-out') {
      // Before closing, signing out without approved leave is absence (旷工): say so before doing it.
      if (E.serverNow() < closing) early.hidden = false;
      else signOut();
    } else if (act === 'sign-out-anyway') signOut();
    else if (act === 'sign-out-cancel') early.hidden = true;
    else if (act === 'call-in') {
      callInForm.hidden = !callInForm.hidden;
      button('call-in').setAttribute('aria-expanded', String(!callInForm.hidden));
      if (!callInForm.hidden) { E.freshForm(callInForm); callInForm.elements.reason.focus(); }
    }
  });

  E.submitOnce(callInForm, (f, key) => E.api('POST', '/api/attendance/call-in', { reason: f.elements.reason.value.trim() || null }, key),
    () => { callInForm.reset(); callInForm.hidden = true; loadToday().catch(() => hub.catchUp()); });

  // ---- pings ----

  function pingItem(p) {
    return h('li', { class: 'ping-item', dataset: { ping: p.id, answered: String(!!p.answeredAt), offPost: String(p.offPost) } },
      h('div', null, h('strong', null, p.sentBy), ' ', h('span', { class: 'small text-muted' }, E.hhmm(p.sentAt)), p.message ? ` · ${p.message}` : ''),
      h('div', { class: 'small' }, D.pingState(p)));
  }

  function renderPings() {
    const all = [...pings.values()].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
    const open = all.filter(p => !p.answeredAt).reverse();
    part('ping-banner').replaceChildren(...open.map(p => D.pingBanner(p)));
    root.dataset.openPings = String(open.length);
    part('pings').replaceChildren(...all.map(pingItem));
    part('pings-none').hidden = all.length > 0;
  }

  const tonight = p => p.badge.toLowerCase() === me && Date.parse(p.sentAt) >= nightStart;

  function pinged(p) {
    if (!tonight(p)) return;
    const known = pings.get(p.id);
    if (known && known.answeredAt && !p.answeredAt) return; // never go back from answered
    pings.set(p.id, p);
    renderPings();
    if (!p.answeredAt && navigator.vibrate) { try { navigator.vibrate([300, 100, 300]); } catch { /* not allowed */ } }
  }

  D.answerPings(part('ping-banner'), (id, answer) => {
    const p = pings.get(id);
    if (p) pings.set(id, { ...p, answeredAt: answer.answeredAt, offPost: answer.offPost });
    renderPings();
  });

  async function loadPings() {
    const answer = await E.api('GET', '/api/pings');
    if (!answer.ok) throw new Error('pings');
    pings.clear();
    answer.data.filter(tonight).forEach(p => pings.set(p.id, p));
    renderPings();
  }

  // ---- leave ----

  const leaveForm = root.querySelector('form[data-form=leave]');
  const dinnerRule = part('dinner-rule', leaveForm);
  const showDinnerRule = () => { dinnerRule.hidden = leaveForm.elements.kind.value !== 'customerDinner'; };
  leaveForm.elements.kind.addEventListener('change', showDinnerRule);
  showDinnerRule();

  /** "HH:mm" of tonight as the API takes it; on another night, the venue's local date and time of that night. */
  function instant(night, time) {
    if (!time) return null;
    if (!night || night === today) return time;
    return `${time < cutoff ? E.addDays(night, 1) : night}T${time}:00`;
  }

  E.submitOnce(leaveForm, (f, key) => {
    part('flash', f).hidden = true;
    const night = f.elements.night.value;
    return E.api('POST', '/api/leave', {
      kind: f.elements.kind.value || null,
      from: instant(night, f.elements.from.value),
      to: instant(night, f.elements.to.value),
      reason: f.elements.reason.value.trim() || null,
    }, key);
  }, (data, f) => {
    leave.set(data.id, data);
    renderLeave();
    f.reset();
    f.elements.night.value = today;
    showDinnerRule();
    part('flash', f).hidden = false;
  });

  function leaveItem(l) {
    // "Back" is offered as the request's allowedActions say (an approved customer dinner, LeaveTransitions), once,
    // on its night; the list holds only the caller's own leave.
    const backable = E.allows(l, 'back') && !l.backAt && l.businessDay === today;
    return h('li', { class: 'card p-2 mb-2 leave-card', dataset: { leave: l.id, status: l.status, kind: l.kind } },
      h('div', { class: 'd-flex align-items-start gap-2' },
        h('div', { class: 'flex-grow-1' },
          h('strong', { class: 'me-1' }, D.leaveKindText(l.kind)), h('span', { class: 'text-muted small' }, D.leaveWhen(l)),
          h('div', { class: 'approval-reason' }, l.reason)),
        D.leaveStatusBadge(l.status)),
      D.leaveDecision(l),
      l.backAt ? h('div', { class: 'small', dataset: { part: 'back' } }, t('leave.backAt', E.hhmm(l.backAt))) : null,
      backable ? h('div', { class: 'mt-2' },
        h('div', { class: 'small text-muted mb-1' }, t('leave.backBy', E.hhmm(dinnerBackBy))),
        h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
        h('button', { type: 'button', class: 'btn btn-success w-100', dataset: { act: 'back', testid: 'back' } }, t('leave.back'))) : null);
  }

  function renderLeave() {
    const list = [...leave.values()].sort((a, b) => b.from.localeCompare(a.from));
    part('leave').replaceChildren(...list.map(leaveItem));
    part('leave-none').hidden = list.length > 0;
  }

  const backs = {}; // leave id -> its "back" send() state
  part('leave').addEventListener('click', event => {
    const back = event.target.closest('button[data-act=back]');
    if (!back || back.disabled) return;
    const item = back.closest('[data-leave]');
    const id = item.dataset.leave;
    E.send(backs[id] ??= {}, '', key => E.api('POST', `/api/leave/${id}/back`, {}, key), {
      buttons: [back],
      then: result => {
        if (!result.ok) { E.showError(part('error', item), result.problem); return; }
        leave.set(id, result.data);
        renderLeave();
      },
    });
  });

  async function loadLeave() {
    const answer = await E.api('GET', '/api/leave');
    if (!answer.ok) throw new Error('leave');
    leave.clear();
    // Floor managers and the GM get everyone's leave here: this page shows only the caller's own.
    answer.data.filter(l => l.badge.toLowerCase() === me).forEach(l => leave.set(l.id, l));
    renderLeave();
  }

  // ---- live ----

  // Sign-ins, sign-outs and every leave change send "rotationChanged": fetch tonight and the leave again.
  const refresh = E.debounce(() => Promise.all([loadToday(), loadLeave()]).catch(() => { /* the next event or resync shows it */ }), 300);

  const resync = () => Promise.all([loadToday(), loadLeave(), loadPings()]);
  const hub = E.connect({ pinged, rotationChanged: refresh }, resync, E.liveStatus(root));
})();
