// The performance card (/performance/card): one business day's rooms and spend of one person, signed by them
// before the deadline, with a line disputed by a reason. Without ?day= it shows tonight's card, or yesterday's
// when tonight has no room yet. It follows "standingsChanged" (bills, signatures) and the rooms of the card.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root, today, me } = E;
  const overseer = E.flag('overseer');
  const pick = root.querySelector('form[data-form=pick]');
  const summary = root.querySelector('[data-part=summary]');
  const lines = root.querySelector('[data-part=lines]');
  const none = root.querySelector('[data-part=none]');
  const general = root.querySelector('[data-part=error]');
  const params = new URLSearchParams(location.search);
  let day = params.get('day');
  let badge = overseer ? params.get('badge') || '' : '';
  let card = null;

  const own = () => !badge || badge.toLowerCase() === me.toLowerCase();

  async function fetchCard(forDay) {
    const query = badge && !own() ? '?badge=' + encodeURIComponent(badge) : '';
    const answer = await E.api('GET', `/api/performance-cards/${encodeURIComponent(forDay)}${query}`);
    if (!answer.ok) throw answer.problem;
    return answer.data;
  }

  async function load() {
    let next;
    if (day) next = await fetchCard(day);
    else {
      // Tonight's card, or yesterday's when tonight has no room yet (the one most likely waiting to be signed).
      next = await fetchCard(today);
      if (next.sessions.length === 0) {
        const yesterday = await fetchCard(E.addDays(today, -1));
        if (yesterday.sessions.length > 0) next = yesterday;
      }
    }
    card = next;
    E.forget(signing); // another card: signing it is another action
    pick.elements.day.value = card.businessDay;
    render();
  }

  function statusLine(c) {
    const open = c.sessions.some(s => !s.closedAt);
    if (c.signed) return h('div', { class: 'alert alert-success py-2 mb-0', dataset: { part: 'signed' } }, t('card.signedAt', E.dateTime(c.signedAt)));
    const items = [];
    if (open) items.push(h('div', { class: 'small text-warning-emphasis' }, t('card.roomsOpen')));
    if (c.canSign && own()) {
      items.push(h('button', { type: 'button', class: 'btn btn-primary btn-lg w-100', dataset: { act: 'sign', testid: 'sign' }, disabled: open }, t('card.sign')));
      items.push(h('div', { class: 'small text-muted mt-1' }, t('card.signHint')));
    } else if (!c.canSign) {
      items.push(h('div', { class: 'alert alert-secondary py-2 mb-0' }, c.businessDay > today ? t('card.notYet') : t('card.deadlinePassed', E.dateTime(c.deadline))));
    } else {
      items.push(h('div', { class: 'alert alert-warning py-2 mb-0' }, t('card.unsigned')));
    }
    return h('div', null, items);
  }

  function render() {
    const c = card;
    root.dataset.day = c.businessDay;
    root.dataset.signed = String(c.signed);
    summary.replaceChildren(
      h('div', { class: 'd-flex flex-wrap align-items-baseline gap-2 mb-2' },
        h('strong', { class: 'h5 mb-0' }, c.businessDay),
        h('span', { class: 'text-muted' }, c.badge),
        h('span', { class: `badge ms-auto ${c.signed ? 'text-bg-success' : 'text-bg-warning'}`, dataset: { part: 'state', testid: 'card-state' } }, c.signed ? t('card.signed') : t('card.notSigned'))),
      h('div', { class: 'card-totals mb-2' },
        h('div', null, h('div', { class: 'small text-muted' }, t('card.spend')), h('div', { class: 'h4 mb-0', dataset: { part: 'spend' } }, E.money(c.spend))),
        h('div', null, h('div', { class: 'small text-muted' }, t('card.rooms')), h('div', { class: 'h4 mb-0', dataset: { part: 'rooms' } }, String(c.rooms))),
        h('div', null, h('div', { class: 'small text-muted' }, t('card.deadline')), h('div', { class: 'fw-semibold' }, E.dateTime(c.deadline)))),
      statusLine(c));
    const disputes = c.disputes || [];
    lines.replaceChildren(...c.sessions.map(s => lineItem(s, disputes.filter(d => d.sessionId === s.sessionId))));
    none.hidden = c.sessions.length > 0;
    const url = new URL(location.href);
    url.searchParams.set('day', c.businessDay);
    if (badge && !own()) url.searchParams.set('badge', badge); else url.searchParams.delete('badge');
    history.replaceState(null, '', url);
  }

  /** A dispute a floor manager can still answer (its allowedActions, DisputeTransitions): the line waits for it. */
  const awaitingAnswer = d => E.allows(d, 'uphold') || E.allows(d, 'reject');

  function lineItem(s, disputes) {
    return h('li', { class: `card p-2 mb-2 card-line${s.closedAt ? '' : ' open'}`, dataset: { session: s.sessionId, room: s.roomNumber } },
      h('div', { class: 'd-flex align-items-baseline gap-2' },
        h('strong', { class: 'h6 mb-0' }, s.roomNumber),
        h('span', { class: 'badge text-bg-light' }, s.walkIn ? t('card.walkIn') : t('card.booked')),
        h('span', { class: 'small text-muted' }, `${E.hhmm(s.openedAt)}–${s.closedAt ? E.hhmm(s.closedAt) : t('card.stillOpen')}`),
        h('strong', { class: 'ms-auto' }, s.closedAt ? E.money(s.spend) : '—')),
      s.discount > 0 || s.compsValue > 0
        ? h('div', { class: 'small text-muted' }, s.discount > 0 ? `${t('card.discount')} ${E.money(s.discount)} ` : '', s.compsValue > 0 ? `${t('card.comps')} ${E.money(s.compsValue)}` : '')
        : null,
      disputes.map(d => h('div', { class: 'small mt-1', dataset: { dispute: d.id, status: d.status } },
        h('span', { class: `badge dispute-${d.status} me-1` }, t('card.dispute.' + d.status)), d.reason, d.decision ? ` → ${d.decision}` : '')),
      own() && !disputes.some(awaitingAnswer)
        ? h('details', { class: 'mt-1 dispute-box' },
          h('summary', { class: 'small link-primary', dataset: { testid: 'dispute' } }, t('card.disputeLine')),
          h('form', { class: 'mt-1', dataset: { form: 'dispute' }, novalidate: true },
            h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
            h('textarea', { class: 'form-control form-control-sm mb-1', name: 'reason', rows: '2', maxlength: '500', placeholder: t('card.disputeReason'), 'aria-label': t('card.disputeReason') }),
            h('div', { class: 'field-error', dataset: { errorFor: 'reason' } }),
            h('button', { type: 'submit', class: 'btn btn-sm btn-outline-danger' }, t('card.sendDispute'))))
        : null);
  }

  // ---- moves ----

  const signing = {}; // the card's signature: one request at a time, its key kept until a settled answer
  summary.addEventListener('click', event => {
    const button = event.target.closest('[data-act=sign]');
    if (!button) return;
    E.send(signing, 'sign', key => {
      general.hidden = true;
      return E.api('POST', `/api/performance-cards/${card.businessDay}/sign`, undefined, key);
    }, {
      buttons: [button],
      then: result => {
        if (result.ok) { card = result.data; render(); } else E.showError(general, result.problem);
      },
    });
  });

  lines.addEventListener('submit', event => {
    event.preventDefault();
    const form = event.target;
    const sessionId = form.closest('[data-session]').dataset.session;
    E.submit(form, (f, key) => E.api('POST', `/api/performance-cards/${card.businessDay}/disputes`,
      { sessionId, reason: f.elements.reason.value.trim() || null }, key), () => refresh());
  });

  pick.addEventListener('submit', async event => {
    event.preventDefault();
    E.clearErrors(pick);
    general.hidden = true;
    const previous = { day, badge };
    day = pick.elements.day.value || null;
    if (overseer) badge = pick.elements.badge.value.trim();
    try {
      await load();
    } catch (problem) {
      ({ day, badge } = previous);
      E.showProblem(pick, problem, general);
    }
  });

  // ---- live ----

  const refreshSoon = E.debounce(() => refresh().catch(() => { /* the next event or reconnect tries again */ }), 200);

  async function refresh() {
    if (!card) return load();
    const next = await fetchCard(card.businessDay);
    // A dispute or sign form being typed in survives an update that changes nothing.
    if (JSON.stringify(next) === JSON.stringify(card)) return;
    card = next;
    render();
  }

  function roomChanged(r) {
    if (!card || card.businessDay !== today) return;
    if (r.managerBadge && r.managerBadge.toLowerCase() === card.badge.toLowerCase()) refreshSoon();
    else if (card.sessions.some(s => s.roomNumber === r.number && !s.closedAt)) refreshSoon();
  }

  async function resync() {
    if (card) await refresh();
    else {
      try {
        await load();
      } catch (problem) {
        if (problem && problem.detail) { E.showError(general, problem); return; }
        throw problem;
      }
    }
  }

  E.connect({ standingsChanged: refreshSoon, roomChanged }, resync, E.liveStatus(root));
})();
