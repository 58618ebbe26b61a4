// What the attendance and fines pages (attendance.js, attendance-floor.js, fines.js) add to live.js: leave, pings
// and violations shown the same way everywhere, a countdown to a ping's due time, and decision buttons inside a
// form (one request at a time, one Idempotency-Key per intended decision until an answer comes).
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h } = E;

  /** "11-20 20:30" of an API time (the venue's local time, as the API writes it). */
  function when(iso) { return iso ? `${iso.substring(5, 10)} ${E.hhmm(iso)}` : ''; }

  const chip = (text, tone, name) => h('span', { class: `badge rounded-pill text-bg-${tone} state-chip`, dataset: name ? { flag: name } : null }, text);

  // ---- leave ----

  const leaveKindText = kind => t('leave.kind.' + kind);
  const leaveStatusBadge = status => h('span', { class: `badge leave-status status-${status}`, dataset: { part: 'status' } }, t('leave.status.' + status));
  /** "11-20 19:00–21:00": the night and the times; a leave of a day or more shows both dates. */
  function leaveWhen(l) {
    const short = Date.parse(l.to) - Date.parse(l.from) < 24 * 3600 * 1000;
    return short ? `${l.businessDay.substring(5)} ${E.hhmm(l.from)}–${E.hhmm(l.to)}` : `${when(l.from)} – ${when(l.to)}`;
  }
  function leaveDecision(l) {
    if (l.status === 'pending') return null;
    return h('div', { class: 'small text-muted', dataset: { part: 'decision' } },
      l.decidedBy ? t('leave.decidedBy', l.decidedBy, when(l.decidedAt)) : '', l.decisionNote ? ` · ${l.decisionNote}` : '');
  }

  // ---- pings ----

  const answeredInTime = p => !!p.answeredAt && Date.parse(p.answeredAt) <= Date.parse(p.dueAt);

  /** A ping's state: answered (in time or not), off post, or the time left to answer, counting down. */
  function pingState(p) {
    if (p.answeredAt) {
      const inTime = answeredInTime(p);
      return h('span', { dataset: { part: 'ping-state' } }, t('ping.answeredAt', E.hhmm(p.answeredAt)), ' ',
        inTime ? chip(t('ping.inTime'), 'success', 'in-time') : chip(t('ping.lateAnswer'), 'danger', 'late-answer'),
        p.offPost ? [' ', chip(t('ping.offPost'), 'danger', 'off-post')] : null);
    }
    if (p.offPost) return h('span', { dataset: { part: 'ping-state' } }, chip(t('ping.offPost'), 'danger', 'off-post'));
    return h('span', { dataset: { part: 'ping-state' } }, t('ping.waiting'), ' ',
      h('span', { class: 'ping-countdown', dataset: { due: p.dueAt, part: 'countdown', testid: 'ping-countdown' } }, countdownText(p.dueAt)));
  }

  function countdownText(due) {
    const left = Date.parse(due) - E.serverNow();
    return left > 0 ? E.duration(left) : t('ping.overdue');
  }

  setInterval(() => {
    document.querySelectorAll('[data-due]').forEach(el => {
      const left = Date.parse(el.dataset.due) - E.serverNow();
      el.textContent = countdownText(el.dataset.due);
      el.classList.toggle('due-soon', left > 0 && left < 60 * 1000);
      el.classList.toggle('due-over', left <= 0);
    });
  }, 1000);

  // ---- violations ----

  const violationStatusBadge = status => h('span', { class: `badge fine-status status-${status}`, dataset: { part: 'status' } }, t('fines.status.' + status));

  // ---- decision buttons inside forms ----

  /** Calls fn at most once per `ms`, after the last call: several hub events in a row fetch once. */
  function debounce(fn, ms) {
    let timer = null;
    return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  E.discipline = { when, chip, leaveKindText, leaveStatusBadge, leaveWhen, leaveDecision, pingState, answeredInTime, violationStatusBadge, decisionButtons: E.decisionButtons, debounce };
})();
