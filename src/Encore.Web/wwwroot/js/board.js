// The live room board (/board): every room as a tile coloured by its state, tonight's bookings that wait for the
// desk, and the desk's moves, each a call to the JSON API. Tiles follow "roomChanged" and the list follows
// "bookingChanged" from /hubs/board; a desk's own moves show the same way, so every screen shows the same.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const day = root.dataset.businessDay;
  const canDesk = E.flag('canDesk');
  const canClose = E.flag('canClose');
  const canOverride = E.flag('canOverride');
  const canGuestLink = E.flag('canGuestLink');
  const grid = root.querySelector('[data-part=grid]');
  const legend = root.querySelector('[data-part=legend]');
  const waitingList = root.querySelector('[data-part=waiting]');
  const waitingNone = root.querySelector('[data-part=waiting-none]');
  const waitingCount = root.querySelector('[data-part=waiting-count]');
  const states = ['free', 'reserved', 'occupied', 'closing', 'cleaning', 'outOfService'];

  const rooms = new Map();    // number -> RoomView
  const tiles = new Map();    // number -> tile element
  const bookings = new Map(); // id -> BookingView

  // ---- tiles ----

  function fillTile(el, r) {
    el.className = `room-tile state-${r.state}` + (r.guestArrived ? ' guest-arrived' : '');
    el.dataset.state = r.state;
    el.dataset.type = r.type;
    el.dataset.booking = r.bookingId || '';
    el.setAttribute('aria-label', `${r.number} ${E.typeText(r.type)} ${E.stateText(r.state)}`);
    const holding = r.state === 'reserved' && r.holdUntil && !r.guestArrived;
    el.replaceChildren(...[
      h('div', { class: 'tile-top' },
        h('span', { class: 'tile-number' }, r.number),
        h('span', { class: 'tile-type' }, `${E.typeText(r.type)} ${r.capacity}`)),
      h('div', { class: 'tile-state' }, E.stateText(r.state), r.partySize ? ` · ${t('bookings.people', r.partySize)}` : ''),
      r.managerBadge ? h('div', { class: 'tile-manager', dataset: { part: 'manager' } }, `${r.managerName || ''} ${r.managerBadge}`.trim()) : null,
      holding ? h('div', { class: 'tile-hold hold', dataset: { holdUntil: r.holdUntil } }) : null,
      r.state === 'reserved' && r.guestArrived ? h('div', { class: 'tile-arrived' }, t('board.guestArrived')) : null,
    ].filter(Boolean));
  }

  function renderGrid() {
    // A snapshot rebuilds every tile: the one with focus keeps it (by its number), instead of focus falling to the page.
    const focused = grid.contains(document.activeElement) ? document.activeElement.dataset.room : null;
    tiles.clear();
    const areas = new Map();
    for (const r of rooms.values()) {
      const area = r.area || '';
      if (!areas.has(area)) areas.set(area, []);
      areas.get(area).push(r);
    }
    grid.replaceChildren(...[...areas].map(([area, list]) =>
      h('section', { class: 'room-area', dataset: { area } },
        area ? h('h2', { class: 'room-area-title' }, area) : null,
        h('div', { class: 'room-grid' }, list.map(r => {
          const el = h('button', { type: 'button', dataset: { room: r.number } });
          fillTile(el, r);
          tiles.set(r.number, el);
          return el;
        })))));
    if (focused && tiles.has(focused)) tiles.get(focused).focus({ preventScroll: true });
  }

  function renderLegend() {
    const counts = Object.fromEntries(states.map(s => [s, 0]));
    for (const r of rooms.values()) counts[r.state] = (counts[r.state] || 0) + 1;
    legend.replaceChildren(...states.filter(s => s !== 'closing' || counts[s] > 0).map(s =>
      h('span', { class: `legend-chip state-${s}`, dataset: { legend: s } }, `${E.stateText(s)} ${counts[s]}`)));
  }

  function roomChanged(r) {
    rooms.set(r.number, r);
    const el = tiles.get(r.number);
    if (el) {
      fillTile(el, r);
      el.dataset.updatedAt = String(Date.now());
    } else {
      renderGrid();
    }
    renderLegend();
    renderWaiting();
    refreshDialog();
    E.tick();
  }

  // ---- bookings waiting for the desk ----

  /** Booked, assigned and lapsed bookings, and arrived ones whose room is still only reserved (to open). */
  function isWaiting(b) {
    if (b.status === 'booked' || b.status === 'assigned' || b.status === 'lapsed') return true;
    if (b.status !== 'arrived' || !b.roomNumber) return false;
    const r = rooms.get(b.roomNumber);
    return !!r && r.state === 'reserved' && r.bookingId === b.id;
  }

  /** The server says which moves a booking's status allows (allowedActions); the desk offers them. */
  function actionsFor(b) {
    return canDesk ? b.allowedActions || [] : [];
  }

  function bookingLine(b) {
    return [t('bookings.people', b.partySize), E.typeText(b.roomType), `${b.bookerName} ${b.bookerBadge}`].filter(Boolean).join(' · ');
  }

  // The board is a shared screen: guests' phones show masked to everyone there, although the API and the hub send
  // them whole to the desk, the floor and the booker (who verify guests by them); E.maskPhone is the server's rule.
  function waitingItem(b) {
    const holding = (b.status === 'booked' || b.status === 'assigned') && b.holdUntil;
    return h('li', { class: `waiting-item status-${b.status}`, dataset: { booking: b.id, status: b.status } },
      h('div', { class: 'd-flex align-items-baseline gap-2' },
        h('strong', null, E.hhmm(b.arrival)),
        h('span', { class: 'fw-semibold text-truncate' }, b.customerName),
        h('span', { class: 'small text-muted' }, E.maskPhone(b.customerPhone)),
        h('span', { class: `badge status-badge status-${b.status} ms-auto`, dataset: { part: 'status' } }, E.statusText(b.status))),
      h('div', { class: 'small' }, bookingLine(b),
        b.roomNumber && b.status !== 'lapsed' ? h('span', null, ' · ', t('bookings.room'), ' ', h('strong', { dataset: { part: 'room' } }, b.roomNumber)) : null,
        holding ? h('span', null, ' · ', h('strong', { class: 'hold', dataset: { holdUntil: b.holdUntil } })) : null),
      b.note ? h('div', { class: 'small text-muted booking-note', dataset: { part: 'note' } }, b.note) : null,
      actionsFor(b).length > 0
        ? h('div', { class: 'd-flex flex-wrap gap-1 mt-1' }, actionsFor(b).map(act =>
          h('button', { type: 'button', class: `btn btn-sm ${act === 'cancel' ? 'btn-outline-danger' : 'btn-outline-primary'}`, dataset: { act } },
            act === 'arrive' && b.status === 'lapsed' ? `${t('board.arrive')}（${t('board.late')}）` : t('board.' + act))))
        : null);
  }

  function renderWaiting() {
    const list = [...bookings.values()].filter(isWaiting)
      .sort((a, b) => a.arrival.localeCompare(b.arrival) || a.createdAt.localeCompare(b.createdAt));
    // Every event rebuilds the list: a focused button keeps focus (the same booking's same move) if it is still offered.
    const focused = waitingList.contains(document.activeElement) ? document.activeElement : null;
    const keep = focused && focused.dataset.act ? { booking: focused.closest('[data-booking]').dataset.booking, act: focused.dataset.act } : null;
    waitingList.replaceChildren(...list.map(waitingItem));
    if (keep) waitingList.querySelector(`[data-booking="${keep.booking}"] [data-act="${keep.act}"]`)?.focus({ preventScroll: true });
    waitingNone.hidden = list.length > 0;
    waitingCount.textContent = String(list.length);
  }

  function bookingChanged(b) {
    if (E.quotas) E.quotas.changed(); // a booking made or cancelled after the meeting uses or gives back a quota
    if (b.businessDay !== day) return;
    bookings.set(b.id, b);
    renderWaiting();
    refreshDialog();
    E.tick();
  }

  // ---- the dialog: a room's choices, or one form for one move ----

  const dialog = document.getElementById('board-dialog');
  const title = dialog.querySelector('[data-part=title]');
  const summary = dialog.querySelector('[data-part=summary]');
  const choices = dialog.querySelector('[data-part=choices]');
  const general = dialog.querySelector('[data-part=error]');
  const forms = [...dialog.querySelectorAll('form[data-form]')];
  const form = name => forms.find(f => f.dataset.form === name);
  let ctx = { room: null, booking: null, form: null };

  function bookingSummary(b) {
    return h('div', { class: 'mb-1' },
      h('div', null, h('strong', null, `${E.hhmm(b.arrival)} ${b.customerName}`), ' ', E.maskPhone(b.customerPhone), ' · ',
        E.statusText(b.status), b.roomNumber && b.status !== 'lapsed' ? ` · ${t('bookings.room')} ${b.roomNumber}` : ''),
      h('div', { class: 'text-muted booking-note' }, bookingLine(b), b.note ? ` · ${b.note}` : ''));
  }

  function roomSummary(r) {
    return h('div', { class: 'mb-1' },
      h('span', { class: `legend-chip state-${r.state}` }, E.stateText(r.state)), ' ',
      `${E.typeText(r.type)} · ${t('bookings.people', r.capacity)} · ${r.area}`,
      r.managerBadge ? ` · ${r.managerName || ''} ${r.managerBadge}` : '',
      r.state === 'reserved' ? ` · ${r.guestArrived ? t('board.guestArrived') : t('board.guestNotArrived')}` : '');
  }

  function fillFreeRooms(select, want, optional) {
    const free = [...rooms.values()].filter(r => r.state === 'free');
    const fits = r => !want || ((!want.roomType || r.type === want.roomType) && (!want.partySize || r.capacity >= want.partySize));
    const option = r => h('option', { value: r.number }, `${r.number} · ${E.typeText(r.type)} · ${t('bookings.people', r.capacity)}`);
    const matching = free.filter(fits), others = free.filter(r => !fits(r));
    const groups = [];
    if (optional) groups.push(h('option', { value: '' }, '—'));
    if (free.length === 0) groups.push(h('option', { value: '', disabled: true }, t('board.noFreeRoom')));
    if (matching.length > 0) groups.push(h('optgroup', { label: t('board.matching') }, matching.map(option)));
    if (others.length > 0) groups.push(h('optgroup', { label: t('board.otherRooms') }, others.map(option)));
    select.replaceChildren(...groups);
    select.value = optional ? '' : (matching[0] || others[0] || { number: '' }).number;
  }

  function roomChoices(r) {
    const b = r.bookingId ? bookings.get(r.bookingId) : null;
    const list = [];
    if (canDesk) {
      if (r.state === 'free') list.push('walkIn', 'outOfService');
      if (r.state === 'reserved') {
        if (b && !r.guestArrived && actionsFor(b).includes('arrive')) list.push('arrive');
        if (r.guestArrived || canOverride) list.push('open');
        list.push('transfer');
        if (b && actionsFor(b).includes('cancel')) list.push('cancel');
      }
      if (r.state === 'occupied') list.push('transfer');
      if (r.state === 'cleaning') list.push('release', 'outOfService');
      if (r.state === 'outOfService') list.push('release');
    }
    if (canClose && (r.state === 'occupied' || r.state === 'closing')) list.unshift('close');
    return list;
  }

  function renderChoices() {
    const r = ctx.room;
    const list = roomChoices(r);
    choices.replaceChildren(...(list.length > 0
      ? list.map(act => h('button', { type: 'button', class: `btn ${act === 'cancel' ? 'btn-outline-danger' : 'btn-outline-primary'}`, dataset: { choice: act } }, t('board.' + act)))
      : [h('div', { class: 'text-muted' }, canDesk || canClose ? t('board.noActions') : t('board.readOnly'))]));
    // The guest's own link (issue 16): the printable card with its QR, for an open session.
    if (canGuestLink && (r.state === 'occupied' || r.state === 'closing'))
      choices.append(h('a', { class: 'btn btn-outline-secondary', href: `/rooms/${encodeURIComponent(r.number)}/guest-card`, target: '_blank', rel: 'noopener', dataset: { testid: 'guest-card-link' } }, t('board.guestCard')));
  }

  function renderSummary() {
    const parts = [];
    if (ctx.room) parts.push(roomSummary(ctx.room));
    if (ctx.booking) parts.push(bookingSummary(ctx.booking));
    summary.replaceChildren(...parts);
  }

  /** Keeps an open dialog true to the board: a room's choices follow its state while no form is open. */
  function refreshDialog() {
    if (!dialog.classList.contains('show')) return;
    if (ctx.room) ctx.room = rooms.get(ctx.room.number) || ctx.room;
    if (ctx.booking) ctx.booking = bookings.get(ctx.booking.id) || ctx.booking;
    else if (ctx.room && ctx.room.bookingId) ctx.booking = bookings.get(ctx.room.bookingId) || null;
    // Verified at another desk meanwhile: the dialog stops asking to verify a guest the tile shows arrived.
    if (ctx.form === 'arrive' && ctx.booking && !actionsFor(ctx.booking).includes('arrive') && ctx.booking.status === 'arrived') {
      if (!ctx.room && ctx.booking.roomNumber) ctx.room = rooms.get(ctx.booking.roomNumber) || null;
      showForm(null);
      if (ctx.room) title.textContent = `${ctx.room.number} · ${E.stateText(ctx.room.state)}`;
    }
    renderSummary();
    if (!ctx.form && ctx.room) renderChoices();
    if (ctx.form === 'open') openGuest(form('open'));
  }

  /**
   * The open form says what the tile says: the guest has arrived (no reason needed), or not yet (the override
   * reason, for who may open anyway); it follows the room live while the form is open.
   */
  function openGuest(f) {
    const r = ctx.room || (ctx.booking && ctx.booking.roomNumber ? rooms.get(ctx.booking.roomNumber) : null);
    const arrived = !!r && r.guestArrived;
    const line = f.querySelector('[data-part=open-guest]');
    line.textContent = r ? (arrived ? t('board.guestArrived') : t('board.guestNotArrived')) : '';
    line.dataset.arrived = String(arrived);
    f.querySelector('[data-override]').hidden = !(canOverride && r && !arrived);
  }

  /** Who the rotation will credit with this walk-in: the first available manager of tonight's queue (GET /api/rotation). */
  let rotation = null;
  function showNext(f) {
    const line = f.querySelector('[data-part=rotation-next]');
    if (rotation === null) { line.textContent = ''; delete line.dataset.badge; return; }
    const next = rotation.find(q => q.available);
    line.textContent = next ? t('board.rotationNext', next.name, next.badge) : t('board.rotationNobody');
    line.dataset.badge = next ? next.badge : '';
  }
  async function loadRotation() {
    const answer = await E.api('GET', '/api/rotation');
    if (!answer.ok) throw new Error('rotation ' + answer.status);
    rotation = answer.data;
    if (ctx.form === 'walkIn') showNext(form('walkIn'));
  }
  function rotationChanged(queue) {
    rotation = queue;
    if (ctx.form === 'walkIn') showNext(form('walkIn'));
  }

  function showForm(name) {
    ctx.form = name;
    E.clearErrors(dialog);
    general.hidden = true;
    choices.classList.toggle('d-none', !!name); // d-flex would outrank the hidden attribute
    for (const f of forms) f.hidden = f.dataset.form !== name;
    if (!name) return;
    const f = form(name);
    E.freshForm(f);
    f.reset();
    const b = ctx.booking, r = ctx.room;
    if (name === 'assign') fillFreeRooms(f.elements.roomNumber, b);
    if (name === 'arrive') {
      // A booking without a live claim (not yet assigned, or lapsed and released) needs a room now.
      const needsRoom = b.status !== 'assigned';
      f.querySelector('[data-needs-room]').hidden = !needsRoom;
      if (needsRoom) fillFreeRooms(f.elements.roomNumber, b);
      setVerify(f, 'code');
    }
    if (name === 'open') openGuest(f);
    if (name === 'walkIn') {
      showNext(f);
      // Fresh at the moment of asking; "rotationChanged" keeps it so while the form is open.
      loadRotation().catch(() => { /* the queue shown from the last snapshot or event stays */ });
    }
    if (name === 'transfer') fillFreeRooms(f.elements.toRoomNumber, b || { roomType: r.type, partySize: r.partySize });
    if (name === 'close') prepareClose(f);
    if (name === 'release') f.querySelector('[data-part=release-text]').textContent = t('board.releaseConfirm', r.number);
    title.textContent = [t('board.' + name), r ? r.number : null, b ? b.customerName : null].filter(Boolean).join(' · ');
    const first = f.querySelector('input:not([type=radio]):not([hidden]), select, textarea');
    if (first) setTimeout(() => first.focus(), 0);
  }

  // What the dialog was opened from, to give focus back to when it closes (the elements may be rebuilt meanwhile).
  let openedFrom = null;

  function openForBooking(b, act) {
    const room = b.roomNumber && b.status !== 'lapsed' ? rooms.get(b.roomNumber) || null : null;
    openedFrom = { booking: b.id, act, room: room ? room.number : null };
    ctx = { room, booking: b, form: null };
    renderSummary();
    showForm(act);
    E.showModal(dialog);
  }

  function openForRoom(r) {
    openedFrom = { room: r.number };
    ctx = { room: r, booking: r.bookingId ? bookings.get(r.bookingId) || null : null, form: null };
    title.textContent = `${r.number} · ${E.stateText(r.state)}`;
    renderSummary();
    showForm(null);
    renderChoices();
    E.showModal(dialog);
  }

  dialog.addEventListener('hidden.bs.modal', () => {
    ctx = { room: null, booking: null, form: null };
    // Focus goes back to what was acted on: the tile (found by its number: a snapshot may have rebuilt it), or the
    // waiting booking's button, or, once that booking has left the list, its room's tile. Never another tile.
    const from = openedFrom;
    openedFrom = null;
    if (!from) return;
    const target = (from.booking && waitingList.querySelector(`[data-booking="${from.booking}"] [data-act="${from.act}"]`))
      || (from.booking && waitingList.querySelector(`[data-booking="${from.booking}"] [data-act]`))
      || (from.room && tiles.get(from.room))
      || (from.booking && bookings.get(from.booking)?.roomNumber && tiles.get(bookings.get(from.booking).roomNumber));
    if (target) target.focus({ preventScroll: true });
  });

  choices.addEventListener('click', event => {
    const button = event.target.closest('[data-choice]');
    if (!button) return;
    const act = button.dataset.choice;
    if ((act === 'arrive' || act === 'cancel') && !ctx.booking) return;
    showForm(act);
  });

  waitingList.addEventListener('click', event => {
    const button = event.target.closest('[data-act]');
    if (!button) return;
    const b = bookings.get(button.closest('[data-booking]').dataset.booking);
    if (b) openForBooking(b, button.dataset.act);
  });

  grid.addEventListener('click', event => {
    const tile = event.target.closest('[data-room]');
    if (tile && rooms.has(tile.dataset.room)) openForRoom(rooms.get(tile.dataset.room));
  });

  // verification: by confirmation code, or by name and phone
  function setVerify(f, by) {
    f.elements.verifyBy.value = by;
    f.querySelectorAll('[data-verify]').forEach(el => { el.hidden = el.dataset.verify !== by; });
  }
  form('arrive').addEventListener('change', event => {
    if (event.target.name === 'verifyBy') setVerify(form('arrive'), event.target.value);
  });

  // the bill: comps picked from the catalogue at their price; the room's granted approvals are offered to close
  // with from the start (using one asks to confirm the bill), and a request for one carries the room and the bill
  const compRow = document.getElementById('comp-row');
  const catalogueList = root.querySelector('[data-part=catalogue]');
  let catalogue = [];
  function prepareClose(f) {
    f.querySelector('[data-part=comps]').replaceChildren();
    f.querySelector('[data-part=approvals]').hidden = true;
    confirming(f, null);
    delete f.dataset.approvalId;
    // A corporate account's booking (issue 20): the agreed discount when the discount is left empty, and the bill may go on the account.
    const booked = ctx.room && ctx.room.bookingId ? bookings.get(ctx.room.bookingId) : null;
    const accountBox = f.querySelector('[data-part=account]');
    accountBox.hidden = !(booked && booked.accountId);
    f.elements.settleToAccount.checked = false;
    if (!accountBox.hidden) {
      accountBox.querySelector('[data-part=account-label]').textContent = t('board.settleToAccount', booked.accountCompany || '');
      accountBox.querySelector('[data-part=account-hint]').textContent = t('board.agreedDiscount', booked.accountCompany || '');
    }
    E.loadCatalogue().then(items => { catalogue = items; E.fillCatalogue(catalogueList, items); }).catch(() => { /* typed names still work */ });
    // The room's granted approval is offered from the start: the cashier closes with it in one attempt.
    if (ctx.room) offerApprovals(f, ctx.room.number, { onlyIfAny: true }).catch(() => { /* a refused close still offers them */ });
  }

  /** The confirm step of closing with an approval (a one-click bill that changes money): null hides it. */
  function confirming(f, approval) {
    const box = f.querySelector('[data-part=close-confirm]');
    box.hidden = !approval;
    f.querySelector('[data-part=close-send]').hidden = !!approval;
    if (!approval) { delete f.dataset.approvalId; return; }
    f.dataset.approvalId = approval.id;
    const comps = E.compsOf(f).reduce((sum, c) => sum + (c.value || 0), 0);
    box.querySelector('[data-part=close-confirm-text]').textContent = t('board.closeConfirm', ctx.room.number,
      E.money(numberOf(f.elements.spend.value) ?? 0), E.money(numberOf(f.elements.discount.value) ?? 0), E.money(comps), approval.decidedBy || '');
  }

  /** An approval's amounts into the bill where the cashier has not typed them (the approval covers up to them). */
  function billFrom(f, a) {
    if (f.elements.spend.value === '' && a.expectedSpend > 0) f.elements.spend.value = String(a.expectedSpend);
    if (f.elements.discount.value === '' && a.discount > 0) f.elements.discount.value = String(a.discount);
    const rows = f.querySelector('[data-part=comps]');
    if (rows.children.length === 0) {
      for (const c of a.comps || []) {
        const row = compRow.content.firstElementChild.cloneNode(true);
        row.querySelector('[name=item]').value = c.item;
        row.querySelector('[name=value]').value = String(c.value);
        rows.append(row);
      }
    }
  }

  let offered = [];
  form('close').addEventListener('click', event => {
    const f = form('close');
    const act = event.target.closest('[data-act]')?.dataset.act;
    if (act === 'add-comp') f.querySelector('[data-part=comps]').append(compRow.content.cloneNode(true));
    if (act === 'remove-comp') event.target.closest('[data-comp]').remove();
    if (act === 'use-approval') {
      const a = offered.find(x => x.id === event.target.closest('[data-approval]').dataset.approval);
      if (!a) return;
      billFrom(f, a);
      confirming(f, a);
    }
    if (act === 'close-confirm-back') confirming(f, null);
    if (event.target.closest('[data-part=ask-approval]')) {
      // The request carries the room and the bill as typed: nothing is typed twice.
      const query = new URLSearchParams({ room: ctx.room.number });
      if (f.elements.spend.value !== '') query.set('spend', f.elements.spend.value);
      if (f.elements.discount.value !== '') query.set('discount', f.elements.discount.value);
      const comps = E.compsOf(f).filter(c => c.item);
      if (comps.length > 0) query.set('comps', JSON.stringify(comps));
      event.target.closest('a').href = '/approvals?' + query.toString();
    }
  });
  form('close').addEventListener('input', event => {
    if (event.target.name === 'item') E.prefillPrice(event.target.closest('[data-comp]'), catalogue);
  });

  /**
   * The granted approvals asked for this room since it opened: when the close dialog opens (shown only if there
   * are some), and after a 403 naming a needed approval (with the link to ask for one when there are none).
   */
  async function offerApprovals(f, number, { onlyIfAny = false } = {}) {
    const box = f.querySelector('[data-part=approvals]');
    const answer = await E.api('GET', '/api/approvals?status=granted');
    if (!answer.ok || ctx.form !== 'close' || !ctx.room || ctx.room.number !== number) return;
    const since = ctx.room.stateSince || '';
    const list = answer.data.filter(a => a.roomNumber === number && (!since || Date.parse(a.createdAt) >= Date.parse(since)));
    offered = list;
    if (onlyIfAny && list.length === 0) return;
    f.querySelector('[data-part=approval-list]').replaceChildren(...list.map(a =>
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-success text-start', dataset: { act: 'use-approval', approval: a.id } },
        t('board.useApproval', E.money(a.discount), E.money(a.compsValue)),
        h('span', { class: 'small text-muted' }, ` · ${a.decidedBy || ''} · ${a.reason}`))));
    f.querySelector('[data-part=approval-none]').hidden = list.length > 0;
    box.hidden = false;
  }
  const needsApproval = problem => /\/problems\/(authority\.|approval\.billBeyondApproval)/.test((problem && problem.type) || '');

  const numberOf = v => (v === '' || v === null || v === undefined ? null : Number(v));
  const text = v => (v && v.trim()) || null;
  const room = () => encodeURIComponent(ctx.room ? ctx.room.number : ctx.booking.roomNumber);
  const bookingUrl = act => `/api/bookings/${ctx.booking.id}/${act}`;

  const moves = {
    assign: (f, key) => E.api('POST', bookingUrl('assign'), { roomNumber: f.elements.roomNumber.value || null }, key),
    arrive: (f, key) => {
      const body = f.elements.verifyBy.value === 'code'
        ? { confirmationCode: text(f.elements.confirmationCode.value) }
        : { customerName: text(f.elements.customerName.value), customerPhone: text(f.elements.customerPhone.value) };
      if (!f.querySelector('[data-needs-room]').hidden) body.roomNumber = f.elements.roomNumber.value || null;
      return E.api('POST', bookingUrl('arrive'), body, key);
    },
    cancel: (f, key) => E.api('POST', bookingUrl('cancel'), { reason: text(f.elements.reason.value) }, key),
    open: (f, key) => {
      const body = { bookingId: ctx.booking ? ctx.booking.id : ctx.room.bookingId };
      if (!f.querySelector('[data-override]').hidden && text(f.elements.overrideReason.value)) body.overrideReason = text(f.elements.overrideReason.value);
      return E.api('POST', `/api/rooms/${room()}/open`, body, key);
    },
    walkIn: (f, key) => E.api('POST', `/api/rooms/${room()}/open`, { walkIn: true, partySize: numberOf(f.elements.partySize.value) }, key),
    transfer: (f, key) => E.api('POST', `/api/rooms/${room()}/transfer`, { toRoomNumber: f.elements.toRoomNumber.value || null }, key),
    close: async (f, key) => {
      const number = ctx.room.number;
      const approvalId = f.dataset.approvalId || null;
      confirming(f, null); // a refused bill comes back to the form, to be corrected
      const result = await E.api('POST', `/api/rooms/${encodeURIComponent(number)}/close`, {
        spend: numberOf(f.elements.spend.value),
        roomCharge: numberOf(f.elements.roomCharge.value),
        // Left empty: none, or a corporate account's agreed discount (the server knows the contract).
        discount: numberOf(f.elements.discount.value),
        comps: E.compsOf(f),
        approvalId,
        settleToAccount: !f.querySelector('[data-part=account]').hidden && f.elements.settleToAccount.checked,
      }, key);
      if (result.status === 403 && needsApproval(result.problem)) offerApprovals(f, number).catch(() => { /* the error above still says what is needed */ });
      return result;
    },
    release: (f, key) => E.api('POST', `/api/rooms/${room()}/release`, undefined, key),
    outOfService: (f, key) => E.api('POST', `/api/rooms/${room()}/out-of-service`, { reason: text(f.elements.reason.value) }, key),
  };
  for (const [name, run] of Object.entries(moves)) {
    // What a move changed shows through the hub's events, in order with every other screen's changes.
    E.submitOnce(form(name), run, () => { E.hideModal(dialog); hub.catchUp(); }, general);
  }

  // ---- live ----

  async function resync() {
    const [roomsAnswer, bookingsAnswer] = await Promise.all([
      E.api('GET', '/api/rooms'),
      E.api('GET', '/api/bookings?businessDay=' + encodeURIComponent(day)),
      canDesk ? loadRotation() : null,
      E.quotas ? E.quotas.refresh() : null,
    ]);
    if (!roomsAnswer.ok || !bookingsAnswer.ok) throw new Error('snapshot');
    rooms.clear();
    for (const r of roomsAnswer.data) rooms.set(r.number, r);
    bookings.clear();
    for (const b of bookingsAnswer.data) bookings.set(b.id, b);
    renderGrid();
    renderLegend();
    renderWaiting();
    refreshDialog();
    E.tick();
  }

  /** Someone kept entering phones on other keepers' files (only the floor and the GM hear it): the latest, with a link to the list. */
  function phoneProbing(alert) {
    const box = root.querySelector('[data-part=probing]');
    box.replaceChildren(t('board.phoneProbing', alert.badge, alert.name, alert.conflicts, alert.minutes), ' ',
      h('a', { href: '/customers/handover' }, t('board.phoneProbingMore')));
    box.hidden = false;
  }

  const quotasChanged = () => { if (E.quotas) E.quotas.changed(); };
  const hub = E.connect({ roomChanged, bookingChanged, phoneProbing, rotationChanged, quotasChanged }, resync, E.liveStatus(root));
})();
