// Approvals (/approvals): a discount or comps beyond authority, asked for an open room and answered by a floor
// manager or the GM. Requests and answers follow "approvalChanged" from /hubs/board, so the floor sees a request
// appear and the requester sees "granted" or "denied" without a reload. Floor managers also decide disputed card lines.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root, part } = E;
  const me = root.dataset.me;
  const canDecide = E.flag('canDecide');
  const canRequest = E.flag('canRequest');
  const anyRoom = E.flag('anyRoom');

  const approvals = new Map(); // id -> ApprovalView
  const rooms = new Map();     // number -> RoomView
  let catalogue = [];

  const statusBadge = status => h('span', { class: `badge approval-status status-${status}`, dataset: { part: 'status' } }, t('approvals.status.' + status));
  const rate = a => (a.expectedSpend > 0 ? a.discount / a.expectedSpend : (a.discount > 0 ? 1 : 0));

  function details(a) {
    const comps = Array.isArray(a.comps) ? a.comps : [];
    return [
      h('div', null,
        h('strong', { class: 'me-1' }, t('approvals.roomNo', a.roomNumber)),
        a.creditedBadge ? h('span', { class: 'text-muted me-1' }, t('approvals.credited', a.creditedBadge)) : null,
        h('span', { class: 'text-muted small' }, `${E.hhmm(a.createdAt)} · ${t('approvals.by', a.requestedBy)}`)),
      h('div', { class: 'approval-figures' },
        h('span', null, t('approvals.expectedSpend'), ' ', h('strong', null, E.money(a.expectedSpend))),
        a.discount > 0 ? h('span', null, t('approvals.discount'), ' ', h('strong', null, `${E.money(a.discount)}（${E.percent(rate(a), 1)}）`)) : null,
        comps.length > 0 ? h('span', null, t('approvals.comps'), ' ', h('strong', null, comps.map(c => `${c.item} ${E.money(c.value)}`).join('、')), ` = ${E.money(a.compsValue)}`) : null),
      h('div', { class: 'approval-reason' }, a.reason),
    ];
  }

  function decisionLine(a) {
    if (a.status === 'pending') return null;
    return h('div', { class: 'small text-muted', dataset: { part: 'decision' } },
      a.decidedBy ? t('approvals.decidedBy', a.decidedBy, E.hhmm(a.decidedAt)) : '',
      a.decisionNote ? ` · ${a.decisionNote}` : '');
  }

  // ---- floor managers and the GM: pending requests, grant or deny ----

  // Which answers an approval takes comes from its allowedActions (the Domain's ApprovalTransitions); who may answer
  // is the caller's (canDecide). A request that takes none is decided.
  const answerable = a => canDecide && (E.allows(a, 'grant') || E.allows(a, 'deny'));

  function pendingItem(a) {
    const form = h('form', { class: 'mt-2', dataset: { form: 'decide' }, novalidate: true },
      h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
      h('input', { class: 'form-control form-control-sm mb-1', name: 'note', maxlength: '500', placeholder: t('approvals.note'), 'aria-label': t('approvals.note') }),
      h('div', { class: 'field-error', dataset: { errorFor: 'note' } }),
      h('div', { class: 'd-flex gap-2' },
        E.allows(a, 'grant') ? h('button', { type: 'button', class: 'btn btn-success flex-grow-1', dataset: { decision: 'grant', testid: 'grant' } }, t('approvals.grant')) : null,
        E.allows(a, 'deny') ? h('button', { type: 'button', class: 'btn btn-outline-danger flex-grow-1', dataset: { decision: 'deny', testid: 'deny' } }, t('approvals.deny')) : null));
    return h('li', { class: 'card p-2 mb-2 approval-card', dataset: { approval: a.id, status: a.status } },
      h('div', { class: 'd-flex align-items-start gap-2' }, h('div', { class: 'flex-grow-1' }, details(a)), statusBadge(a.status)),
      form);
  }

  function decidedItem(a) {
    return h('li', { class: 'approval-decided', dataset: { approval: a.id, status: a.status } },
      statusBadge(a.status), ' ', t('approvals.roomNo', a.roomNumber), ' · ', a.requestedBy, ' · ',
      a.discount > 0 ? `${E.money(a.discount)}（${E.percent(rate(a), 1)}）` : '', a.compsValue > 0 ? ` ${t('approvals.comps')} ${E.money(a.compsValue)}` : '',
      decisionLine(a));
  }

  function renderDecider() {
    const all = [...approvals.values()];
    const pending = all.filter(answerable).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const list = part('pending');
    // Keep the forms someone is typing in: only add and remove items.
    const shown = new Map([...list.children].map(li => [li.dataset.approval, li]));
    for (const [id, li] of shown) if (!pending.some(a => a.id === id)) li.remove();
    for (const a of pending) if (!shown.has(a.id)) list.append(pendingItem(a));
    part('pending-none').hidden = pending.length > 0;
    part('pending-count').textContent = String(pending.length);
    const decided = all.filter(a => !answerable(a))
      .sort((a, b) => (b.decidedAt || b.createdAt).localeCompare(a.decidedAt || a.createdAt)).slice(0, 15);
    part('decided').replaceChildren(...decided.map(decidedItem));
  }

  if (canDecide) {
    E.decisionButtons(part('pending'), async (form, decision, key) => {
      const id = form.closest('[data-approval]').dataset.approval;
      const note = form.elements.note.value.trim();
      const result = await E.api('POST', `/api/approvals/${id}/${decision}`, { note: note || null }, key);
      if (result.ok) approvalChanged(result.data);
      else if (result.status === 409) hub.catchUp(); // someone else answered first: their decision shows
      return result;
    });
  }

  // ---- disputes of card lines (floor managers and the GM) ----

  const cards = new Map(); // "badge|day" -> promise of CardView

  function cardOf(badge, day) {
    const key = `${badge}|${day}`;
    if (!cards.has(key)) cards.set(key, E.api('GET', `/api/performance-cards/${day}?badge=${encodeURIComponent(badge)}`).then(a => (a.ok ? a.data : null)));
    return cards.get(key);
  }

  // A dispute's answers come from its allowedActions (DisputeTransitions); canDecide is who may give them.
  const disputeAnswers = d => (canDecide ? ['uphold', 'reject'].filter(act => E.allows(d, act)) : []);

  function disputeItem(d) {
    const answers = disputeAnswers(d);
    const line = h('div', { class: 'small text-muted', dataset: { part: 'line' } }, `${d.businessDay}`);
    cardOf(d.badge, d.businessDay).then(card => {
      const s = card && card.sessions.find(x => x.sessionId === d.sessionId);
      if (s) line.textContent = `${d.businessDay} · ${t('approvals.roomNo', s.roomNumber)} · ${E.hhmm(s.openedAt)}–${E.hhmm(s.closedAt)} · ${E.money(s.spend)}`;
      else line.textContent = `${d.businessDay} · ${t('disputes.notOnCard')}`;
    });
    return h('li', { class: 'card p-2 mb-2', dataset: { dispute: d.id } },
      h('div', null, h('strong', null, d.badge), ' ', h('span', { class: 'text-muted small' }, E.hhmm(d.createdAt))),
      line,
      h('div', { class: 'approval-reason' }, d.reason),
      answers.length === 0 ? null : h('form', { class: 'mt-2', dataset: { form: 'dispute' }, novalidate: true },
        h('div', { class: 'alert alert-danger py-1 px-2 small', dataset: { part: 'error' }, hidden: true }),
        h('input', { class: 'form-control form-control-sm mb-1', name: 'decision', maxlength: '500', placeholder: t('disputes.decision'), 'aria-label': t('disputes.decision') }),
        h('div', { class: 'field-error', dataset: { errorFor: 'decision' } }),
        h('input', { class: 'form-control form-control-sm mb-1', name: 'creditBadge', maxlength: '32', placeholder: t('disputes.creditBadge'), 'aria-label': t('disputes.creditBadge') }),
        h('div', { class: 'field-error', dataset: { errorFor: 'creditBadge' } }),
        h('div', { class: 'd-flex gap-2' },
          answers.includes('uphold') ? h('button', { type: 'button', class: 'btn btn-sm btn-success flex-grow-1', dataset: { decision: 'uphold' } }, t('disputes.uphold')) : null,
          answers.includes('reject') ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary flex-grow-1', dataset: { decision: 'reject' } }, t('disputes.reject')) : null)));
  }

  async function loadDisputes() {
    const answer = await E.api('GET', '/api/disputes?status=open');
    if (!answer.ok) throw new Error('disputes');
    cards.clear();
    const list = part('disputes');
    list.replaceChildren(...answer.data.map(disputeItem));
    part('disputes-none').hidden = answer.data.length > 0;
    part('dispute-count').textContent = String(answer.data.length);
  }

  if (canDecide) {
    E.decisionButtons(part('disputes'), async (form, decision, key) => {
      const id = form.closest('[data-dispute]').dataset.dispute;
      const result = await E.api('POST', `/api/disputes/${id}/decide`, {
        upheld: decision === 'uphold', decision: form.elements.decision.value.trim() || null, creditBadge: form.elements.creditBadge.value.trim() || null,
      }, key);
      if (result.ok || result.status === 409) await loadDisputes();
      return result;
    });
  }

  // ---- managers and the desk: ask, and follow the answers ----

  const requestForm = root.querySelector('form[data-form=request]');

  function myItem(a) {
    return h('li', { class: 'card p-2 mb-2 approval-card', dataset: { approval: a.id, status: a.status } },
      h('div', { class: 'd-flex align-items-start gap-2' }, h('div', { class: 'flex-grow-1' }, details(a)), statusBadge(a.status)),
      decisionLine(a));
  }

  function renderMine() {
    const list = [...approvals.values()].filter(a => a.requestedBy === me).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    part('mine').replaceChildren(...list.map(myItem));
    part('mine-none').hidden = list.length > 0;
  }

  function openRooms() {
    return [...rooms.values()]
      .filter(r => r.state === 'occupied' && (anyRoom || r.managerBadge === me))
      .sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
  }

  function renderRooms() {
    const select = requestForm.elements.roomNumber;
    const keep = select.value;
    const list = openRooms();
    select.replaceChildren(...(list.length === 0
      ? [h('option', { value: '' }, t('approvals.noOpenRoom'))]
      : list.map(r => h('option', { value: r.number, dataset: { minimumSpend: String(r.minimumSpend) } },
        [r.number, E.typeText(r.type), r.managerBadge ? `${r.managerName || ''} ${r.managerBadge}`.trim() : null, `${t('approvals.minimumSpend')} ${E.money(r.minimumSpend)}`].filter(Boolean).join(' · ')))));
    if (list.some(r => r.number === keep)) select.value = keep;
    renderRate();
  }

  /**
   * The close dialog's "ask for one" link carries the room and the bill (?room=&spend=&discount=&comps=): the form
   * starts filled with them, once, so nothing is typed twice.
   */
  let asked = new URLSearchParams(location.search);
  function prefillAsked() {
    if (!asked || !asked.get('room')) return;
    const f = requestForm;
    if (![...f.elements.roomNumber.options].some(o => o.value === asked.get('room'))) return; // not open (yet)
    f.elements.roomNumber.value = asked.get('room');
    if (asked.get('spend')) f.elements.spend.value = asked.get('spend');
    if (asked.get('discount')) f.elements.discount.value = asked.get('discount');
    let comps = [];
    try { comps = JSON.parse(asked.get('comps') || '[]'); } catch { comps = []; }
    const box = f.querySelector('[data-part=comps]');
    for (const c of Array.isArray(comps) ? comps : []) {
      const row = document.getElementById('comp-row').content.firstElementChild.cloneNode(true);
      E.fillCatalogue(row.querySelector('[name=item]'), catalogue, t('approvals.pickItem'));
      row.querySelector('[name=item]').value = String(c.item || '');
      if (c.value !== null && c.value !== undefined) row.querySelector('[name=value]').value = String(c.value);
      box.append(row);
    }
    asked = null;
    renderRate();
    f.scrollIntoView({ block: 'start' });
  }

  function renderRate() {
    const f = requestForm;
    const option = f.elements.roomNumber.selectedOptions[0];
    const spendText = f.elements.spend.value;
    const spend = spendText === '' ? Number(option && option.dataset.minimumSpend || 0) : Number(spendText);
    const discount = Number(f.elements.discount.value || 0);
    const comps = E.compsOf(f).reduce((sum, c) => sum + (c.value || 0), 0);
    const parts = [];
    if (discount > 0) parts.push(t('approvals.rateIs', E.percent(spend > 0 ? discount / spend : 1, 1), E.money(spend)));
    if (comps > 0) parts.push(t('approvals.compsTotal', E.money(comps)));
    part('rate').textContent = parts.join(' · ');
  }

  if (canRequest) {
    const compRow = document.getElementById('comp-row');
    const compsBox = requestForm.querySelector('[data-part=comps]');
    requestForm.addEventListener('click', event => {
      const act = event.target.closest('[data-act]')?.dataset.act;
      if (act === 'add-comp') {
        const row = compRow.content.firstElementChild.cloneNode(true);
        E.fillCatalogue(row.querySelector('[name=item]'), catalogue, t('approvals.pickItem'));
        compsBox.append(row);
      }
      if (act === 'remove-comp') { event.target.closest('[data-comp]').remove(); renderRate(); }
    });
    requestForm.addEventListener('change', event => {
      if (event.target.name === 'item') E.prefillPrice(event.target.closest('[data-comp]'), catalogue);
      renderRate();
    });
    requestForm.addEventListener('input', renderRate);
    E.submitOnce(requestForm, (f, key) => {
      const spend = f.elements.spend.value;
      return E.api('POST', '/api/approvals', {
        roomNumber: f.elements.roomNumber.value || null,
        spend: spend === '' ? null : Number(spend),
        discount: f.elements.discount.value === '' ? 0 : Number(f.elements.discount.value),
        comps: E.compsOf(f),
        reason: f.elements.reason.value.trim() || null,
      }, key);
    }, (data, f) => {
      approvalChanged(data);
      const room = f.elements.roomNumber.value;
      f.reset();
      compsBox.replaceChildren();
      f.elements.roomNumber.value = room;
      renderRate();
    });
  }

  // ---- live ----

  function approvalChanged(a) {
    const known = approvals.get(a.id);
    // Events and answers may cross: never go back from a decision to pending.
    if (known && known.status !== 'pending' && a.status === 'pending') return;
    approvals.set(a.id, a);
    if (canDecide) renderDecider();
    if (canRequest) renderMine();
  }

  function roomChanged(r) {
    rooms.set(r.number, r);
    if (canRequest) renderRooms();
  }

  function standingsChanged() {
    if (canDecide) loadDisputes().catch(() => { /* the next resync shows them */ });
  }

  async function resync() {
    const calls = [E.api('GET', '/api/approvals')];
    if (canRequest) calls.push(E.api('GET', '/api/rooms'));
    const [approvalsAnswer, roomsAnswer] = await Promise.all(calls);
    if (!approvalsAnswer.ok || (roomsAnswer && !roomsAnswer.ok)) throw new Error('snapshot');
    approvals.clear();
    for (const a of approvalsAnswer.data) approvals.set(a.id, a);
    if (canRequest) {
      catalogue = await E.loadCatalogue();
      rooms.clear();
      for (const r of roomsAnswer.data) rooms.set(r.number, r);
      renderRooms();
      renderMine();
      prefillAsked();
    }
    if (canDecide) {
      renderDecider();
      await loadDisputes();
    }
  }

  const hub = E.connect({ approvalChanged, roomChanged, standingsChanged }, resync, E.liveStatus(root));
})();
