// The booking page (/bookings), phone first: book through POST /api/bookings, list tonight's bookings from
// GET /api/bookings, follow them live on "bookingChanged", change (PATCH) or cancel with a reason, share the confirmation.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const day = root.dataset.businessDay;
  const venue = root.dataset.venue;
  const form = document.getElementById('booking-form');
  const list = root.querySelector('[data-part=list]');
  const none = root.querySelector('[data-part=none]');
  const flash = form.querySelector('[data-part=flash]');
  const bookings = new Map();
  const active = new Set(['booked', 'assigned']);

  // ---- the form ----

  const customer = document.getElementById('b-customer');
  const name = document.getElementById('b-name');
  const phone = document.getElementById('b-phone');
  const arrival = document.getElementById('b-arrival');
  if (customer) {
    customer.addEventListener('change', () => {
      const option = customer.selectedOptions[0];
      if (option && option.value) {
        name.value = option.dataset.name;
        phone.value = option.dataset.phone;
      }
    });
    // A typed name or phone is a different guest than the picked file: book what is on the screen.
    const unpick = () => {
      const option = customer.selectedOptions[0];
      if (option && option.value && (name.value !== option.dataset.name || phone.value !== option.dataset.phone)) customer.value = '';
    };
    name.addEventListener('input', unpick);
    phone.addEventListener('input', unpick);
  }
  // A booking for a corporate account (issue 20): ?account= from the account's page picks it; its contact is the guest
  // when the fields are left empty and the caller keeps the account.
  const account = document.getElementById('b-account');
  if (account) {
    const wanted = new URLSearchParams(location.search).get('account');
    if (wanted && [...account.options].some(o => o.value === wanted)) account.value = wanted;
    const hint = () => {
      const option = account.selectedOptions[0];
      form.querySelector('[data-part=account-hint]').hidden = !(option && option.dataset.ownContact === 'true');
    };
    account.addEventListener('change', hint);
    hint();
  }
  if (!arrival.value) {
    // A suggestion: the next half hour of the venue's clock.
    const [hh, mm] = E.clockText().split(':').map(Number);
    const minutes = (hh * 60 + mm + 30 - ((mm + 30) % 30)) % (24 * 60);
    arrival.value = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }

  function formBody() {
    const value = id => { const el = document.getElementById(id); return el ? el.value.trim() : ''; };
    const party = value('b-party');
    const body = {
      customerName: name.value.trim() || null,
      customerPhone: phone.value.trim() || null,
      arrival: arrival.value || null,
      partySize: party === '' ? null : Number(party),
      roomType: value('b-type') || null,
      note: value('b-note') || null,
    };
    if (customer && customer.value) body.customerId = customer.value;
    if (account && account.value) body.accountId = account.value;
    const partner = document.getElementById('b-partner');
    if (partner && partner.value) body.partnerId = partner.value;
    const booker = document.getElementById('b-booker');
    if (booker) body.bookerBadge = booker.value || null;
    return body;
  }

  E.submitOnce(form, (f, key) => {
    flash.hidden = true;
    return E.api('POST', '/api/bookings', formBody(), key);
  }, booking => {
    // A new booking is unknown to the list, so showing the answer cannot undo a later change.
    if (!bookings.has(booking.id)) upsert(booking);
    hub.catchUp();
    flash.textContent = t('bookings.booked', booking.confirmationCode);
    flash.dataset.booking = booking.id;
    flash.hidden = false;
    for (const id of ['b-name', 'b-phone', 'b-party', 'b-note']) document.getElementById(id).value = '';
    if (customer) customer.value = '';
    document.getElementById('b-type').value = '';
    const item = list.querySelector(`[data-booking="${booking.id}"]`);
    if (item) item.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });

  // ---- the list ----

  function shareText(b) {
    const room = b.roomNumber && active.has(b.status) ? t('bookings.shareRoom', b.roomNumber) : '';
    const hold = b.holdUntil && active.has(b.status) ? t('bookings.shareHold', E.hhmm(b.holdUntil)) : '';
    return t('bookings.shareText', venue, b.customerName, E.hhmm(b.arrival), b.partySize, room, b.confirmationCode, hold, b.bookerName, b.bookerBadge);
  }

  function item(b) {
    const details = [E.hhmm(b.arrival), t('bookings.people', b.partySize), E.typeText(b.roomType), b.customerPhone, b.accountCompany, b.partnerName].filter(Boolean).join(' · ');
    const holding = active.has(b.status) && b.holdUntil;
    const li = h('li', { class: 'card booking-card p-2 mb-2', dataset: { booking: b.id, status: b.status, code: b.confirmationCode } },
      h('div', { class: 'd-flex align-items-start gap-2' },
        h('div', { class: 'flex-grow-1' },
          h('div', { class: 'fw-semibold', dataset: { part: 'guest' } }, b.customerName),
          h('div', { class: 'small text-muted' }, details)),
        h('span', { class: `badge status-badge status-${b.status}`, dataset: { part: 'status' } }, E.statusText(b.status))),
      h('div', { class: 'd-flex flex-wrap gap-3 mt-1 small align-items-baseline' },
        h('span', null, t('bookings.room'), ' ', b.roomNumber && b.status !== 'lapsed' && b.status !== 'cancelled'
          ? h('strong', { class: 'fs-6', dataset: { part: 'room' } }, b.roomNumber)
          : h('span', { class: 'text-muted', dataset: { part: 'room' } }, active.has(b.status) ? t('bookings.noRoom') : '—')),
        h('span', null, t('bookings.code'), ' ', h('code', { class: 'fs-6', dataset: { part: 'code' } }, b.confirmationCode)),
        holding ? h('span', { title: t('bookings.heldUntil', E.hhmm(b.holdUntil)) }, t('bookings.hold'), ' ',
          h('strong', { class: 'hold', dataset: { holdUntil: b.holdUntil, part: 'hold' } }, '')) : null),
      b.note ? h('div', { class: 'small mt-1 booking-note' }, b.note) : null,
      b.status === 'cancelled' && b.cancelReason ? h('div', { class: 'small text-muted mt-1' }, t('bookings.cancelled', b.cancelReason)) : null,
      E.flag('showBooker') ? h('div', { class: 'small text-muted mt-1' }, t('bookings.booker'), ' ', `${b.bookerName}（${b.bookerBadge}）`) : null,
      h('div', { class: 'd-flex flex-wrap gap-2 mt-2' },
        active.has(b.status) || b.status === 'arrived'
          ? h('details', { class: 'share flex-grow-1' },
            h('summary', { class: 'btn btn-sm btn-outline-primary' }, t('bookings.share')),
            h('textarea', { class: 'form-control form-control-sm mt-1', rows: '5', readonly: true, dataset: { part: 'share' } }, shareText(b)),
            h('div', { class: 'd-flex align-items-center gap-2 mt-1' },
              h('button', { type: 'button', class: 'btn btn-sm btn-primary', dataset: { act: 'copy' } }, t('live.copy')),
              h('span', { class: 'small text-success', dataset: { part: 'copied' } }, '')))
          : null,
        // Changing is for a guest still to come (booked, assigned: as PATCH /api/bookings/{id} allows); the server
        // checks who may (the booker, the desk) and that the hold does not stretch.
        active.has(b.status)
          ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary align-self-start', dataset: { act: 'change' } }, t('bookings.change'))
          : null,
        // Cancelling is offered as the booking's allowedActions say (BookingTransitions); who may cancel (the booker,
        // the desk) the server checks, as before: this page has no flag for it.
        E.allows(b, 'cancel')
          ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger ms-auto align-self-start', dataset: { act: 'cancel' } }, t('bookings.cancel'))
          : null));
    return li;
  }

  function render() {
    const sorted = [...bookings.values()].sort((a, b) =>
      (active.has(b.status) - active.has(a.status)) || a.arrival.localeCompare(b.arrival) || a.createdAt.localeCompare(b.createdAt));
    const open = new Set([...list.querySelectorAll('details[open]')].map(d => d.closest('[data-booking]').dataset.booking));
    list.replaceChildren(...sorted.map(b => {
      const li = item(b);
      if (open.has(b.id)) li.querySelector('details')?.setAttribute('open', '');
      return li;
    }));
    none.hidden = bookings.size > 0;
    E.tick();
  }

  function upsert(b) {
    if (E.quotas) E.quotas.changed(); // a booking made or cancelled after the meeting uses or gives back a quota
    if (b.businessDay !== day) return;
    bookings.set(b.id, b);
    render();
  }

  list.addEventListener('click', async event => {
    const button = event.target.closest('[data-act]');
    if (!button) return;
    const li = button.closest('[data-booking]');
    const b = bookings.get(li.dataset.booking);
    if (!b) return;
    if (button.dataset.act === 'copy') {
      const field = li.querySelector('[data-part=share]');
      const done = await E.copyText(field.value, field);
      li.querySelector('[data-part=copied]').textContent = done ? t('live.copied') : t('live.copyFailed');
    } else if (button.dataset.act === 'change') {
      openChange(b);
    } else if (button.dataset.act === 'cancel') {
      openCancel(b);
    }
  });

  // ---- changing: only the fields that differ from the booking are sent, so an untouched field stays as it is ----

  const changeDialog = document.getElementById('change-dialog');
  const changeForm = changeDialog.querySelector('form');
  let changing = null;
  function openChange(b) {
    changing = b;
    E.freshForm(changeForm);
    changeForm.reset();
    changeForm.querySelector('[data-part=question]').textContent = t('bookings.changeWhat', b.customerName, b.confirmationCode, E.hhmm(b.holdUntil));
    changeForm.elements.arrival.value = E.hhmm(b.arrival);
    changeForm.elements.partySize.value = String(b.partySize);
    changeForm.elements.roomType.value = b.roomType || '';
    changeForm.elements.note.value = b.note || '';
    E.showModal(changeDialog);
  }
  function changeBody(f) {
    const b = changing;
    const body = {};
    const arrivalText = f.elements.arrival.value.trim();
    // A time alone is read by the server as tonight's: this page lists tonight's bookings only.
    if (arrivalText !== E.hhmm(b.arrival)) body.arrival = arrivalText || null;
    const party = f.elements.partySize.value.trim();
    if (party !== String(b.partySize)) body.partySize = party === '' ? 0 : Number(party);
    const type = f.elements.roomType.value;
    if (type && type !== (b.roomType || '')) body.roomType = type;
    const note = f.elements.note.value.trim();
    if (note !== (b.note || '')) body.note = note;
    return body;
  }
  E.submitOnce(changeForm, (f, key) => E.api('PATCH', `/api/bookings/${changing.id}`, changeBody(f), key),
    booking => {
      if (bookings.has(booking.id)) upsert(booking);
      hub.catchUp();
      E.hideModal(changeDialog);
    });

  // ---- cancelling ----

  const cancelDialog = document.getElementById('cancel-dialog');
  const cancelForm = cancelDialog.querySelector('form');
  let cancelling = null;
  function openCancel(b) {
    cancelling = b;
    E.freshForm(cancelForm);
    cancelForm.reset();
    cancelForm.querySelector('[data-part=question]').textContent = t('bookings.cancelConfirm', b.customerName, E.hhmm(b.arrival));
    E.showModal(cancelDialog);
  }
  E.submitOnce(cancelForm, (f, key) =>
    E.api('POST', `/api/bookings/${cancelling.id}/cancel`, { reason: f.elements.reason.value.trim() || null }, key),
  () => {
    // The change itself shows through "bookingChanged", in order with everyone else's.
    hub.catchUp();
    E.hideModal(cancelDialog);
  });

  // ---- the customer list: one's own files, fetched again when one of them changes (another session filed,
  // edited or handed one over); the event names no one, GET /api/customers/mine says what is there now ----

  async function loadCustomers() {
    if (!customer) return;
    const result = await E.api('GET', '/api/customers/mine');
    if (!result.ok) throw new Error('customers ' + result.status);
    const picked = customer.value;
    customer.replaceChildren(customer.options[0], ...result.data.map(c =>
      h('option', { value: c.id, dataset: { name: c.name, phone: c.phone } }, [c.name, c.phone, c.company].filter(Boolean).join(' · '))));
    // A pick that is still one's own stays picked; a file handed away is no longer offered.
    customer.value = result.data.some(c => c.id === picked) ? picked : '';
    customer.dataset.loaded = String(result.data.length);
  }
  const customersChanged = E.debounce(() => loadCustomers().catch(() => { /* the next reconnect resyncs */ }), 200);

  // ---- live ----

  async function resync() {
    const [result] = await Promise.all([E.api('GET', '/api/bookings?businessDay=' + encodeURIComponent(day)), loadCustomers(),
      E.quotas ? E.quotas.refresh() : null]);
    if (!result.ok) throw new Error('bookings ' + result.status);
    bookings.clear();
    for (const b of result.data) bookings.set(b.id, b);
    render();
  }

  const quotasChanged = () => { if (E.quotas) E.quotas.changed(); };
  const hub = E.connect({ bookingChanged: upsert, customersChanged, quotasChanged }, resync, E.liveStatus(root));
})();
