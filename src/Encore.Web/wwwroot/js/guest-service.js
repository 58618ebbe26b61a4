// The desk's guest-service register, /guest-service (SPEC.md "Guest service"): lost property (register, return to a
// claimant, dispose of after the keeping time), valuables (take against a receipt code, hand back only against it)
// and stored drinks (store for a customer, withdraw no more than remains). The API decides; this shows what it says.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const pageError = root.querySelector(':scope > [data-part=error]');
  const mayDispose = E.flag('mayDispose');
  const none = () => h('li', { class: 'text-muted small' }, t('guest.none'));

  // ---- tabs: one section at a time, on a phone and on the desk's screen ----
  const tabs = root.querySelectorAll('[data-tab]');
  tabs.forEach(tab => tab.addEventListener('click', () => {
    tabs.forEach(other => other.classList.toggle('active', other === tab));
    root.querySelectorAll('[data-pane]').forEach(pane => { pane.hidden = pane.dataset.pane !== tab.dataset.tab; });
  }));

  /** A small form inside a <details>: the fields, its error slots, one submit button. */
  function handForm(name, summary, fields, button, run, onDone) {
    const form = h('form', { class: 'mt-2', dataset: { form: name }, novalidate: true },
      h('div', { class: 'alert alert-danger py-2', dataset: { part: 'error' }, hidden: true }),
      fields.flatMap(f => [
        h('input', { class: 'form-control form-control-sm mb-1', name: f.name, type: f.type || 'text', placeholder: f.label, 'aria-label': f.label, maxlength: f.max, min: f.min, inputmode: f.inputmode }),
        h('div', { class: 'field-error', dataset: { errorFor: f.name } }),
      ]),
      h('button', { type: 'submit', class: 'btn btn-sm btn-primary w-100' }, button));
    E.submitOnce(form, (f, key) => run(f, key), data => onDone(data, form));
    return h('details', { class: 'mt-1' }, h('summary', { class: 'small' }, summary), form);
  }

  const value = (form, name) => form.elements[name].value.trim() || null;

  /** Lists what GET url answers in `list`, each row as render() builds it. */
  async function fill(list, url, render) {
    const result = await E.api('GET', url);
    if (!result.ok) { E.showError(pageError, result.problem); return; }
    list.replaceChildren(...(result.data.length ? result.data.map(render) : [none()]));
  }

  // ---- lost property ----
  const lostList = E.part('lost-list');
  const lostStatus = E.part('lost-status');

  function lostItem(i) {
    const li = h('li', { class: 'card p-2 mb-2', dataset: { lostItem: i.id, status: i.status } },
      h('div', { class: 'd-flex gap-2 align-items-baseline' },
        h('span', { class: 'fw-semibold' }, i.roomNumber),
        h('span', null, i.description),
        h('span', { class: 'ms-auto badge text-bg-' + (i.status === 'kept' ? 'primary' : 'secondary') }, t('guest.lost.status.' + i.status))),
      h('div', { class: 'small text-muted' }, [i.storage, t('guest.lost.foundBy', i.foundByBadge || '', E.dateTime(i.foundAt)), t('guest.lost.keepUntil', i.keepUntil)].join(' · ')));
    if (i.status === 'returned') li.append(h('div', { class: 'small' }, `${i.claimantName} ${i.claimantPhone} · ${t('guest.lost.closedBy', i.closedByBadge || '', E.dateTime(i.closedAt))}`, i.note ? ` · ${i.note}` : ''));
    if (i.status === 'disposed') li.append(h('div', { class: 'small' }, `${i.note} · ${t('guest.lost.closedBy', i.closedByBadge || '', E.dateTime(i.closedAt))}`));
    if (i.status === 'kept') {
      li.append(handForm('return-lost', t('guest.lost.return'), [
        { name: 'claimantName', label: t('field.claimantName'), max: 50 },
        { name: 'claimantPhone', label: t('field.claimantPhone'), max: 20, type: 'tel' },
        { name: 'note', label: t('field.note'), max: 500 },
      ], t('guest.lost.returnDo'), (f, key) => E.api('POST', `/api/lost-items/${i.id}/return`,
        { claimantName: value(f, 'claimantName'), claimantPhone: value(f, 'claimantPhone'), note: value(f, 'note') }, key), loadLost));
      if (mayDispose && i.mayDispose) {
        li.append(handForm('dispose-lost', t('guest.lost.dispose'), [{ name: 'note', label: t('field.note'), max: 500 }], t('guest.lost.disposeDo'),
          (f, key) => E.api('POST', `/api/lost-items/${i.id}/dispose`, { note: value(f, 'note') }, key), loadLost));
      }
    }
    return li;
  }

  const loadLost = () => fill(lostList, '/api/lost-items?status=' + encodeURIComponent(lostStatus.value), lostItem);
  lostStatus.addEventListener('change', loadLost);

  const lostForm = root.querySelector('[data-form=lost]');
  E.submitOnce(lostForm, (f, key) => E.api('POST', '/api/lost-items',
    { roomNumber: value(f, 'roomNumber'), description: value(f, 'description'), storage: value(f, 'storage') }, key), (data, f) => {
    f.reset();
    E.part('flash', f).textContent = t('guest.lost.registered', data.keepUntil);
    loadLost();
  });

  // ---- valuables ----
  const valuableList = E.part('valuable-list');
  const valuableStatus = E.part('valuable-status');

  function valuableItem(v) {
    const li = h('li', { class: 'card p-2 mb-2', dataset: { valuable: v.id, status: v.status } },
      h('div', { class: 'd-flex gap-2 align-items-baseline' },
        h('span', { class: 'fw-semibold' }, v.guestName),
        h('span', { class: 'small' }, v.guestPhone),
        v.roomNumber ? h('span', { class: 'small' }, v.roomNumber) : null,
        h('span', { class: 'ms-auto badge text-bg-' + (v.status === 'held' ? 'primary' : 'secondary') }, t('guest.valuables.status.' + v.status))),
      h('div', null, v.description),
      h('div', { class: 'small text-muted' }, t('guest.valuables.takenBy', v.takenByBadge || '', E.dateTime(v.takenAt))));
    if (v.status === 'returned') {
      li.append(h('div', { class: 'small', dataset: { part: 'returned-by' } }, t('guest.valuables.returnedBy', v.returnedByBadge || '', v.returnedByName || '', E.dateTime(v.returnedAt))));
    } else {
      li.append(handForm('return-valuable', t('guest.valuables.return'), [{ name: 'receiptCode', label: t('field.receiptCode'), max: 16 }], t('guest.valuables.returnDo'),
        (f, key) => E.api('POST', `/api/valuables/${v.id}/return`, { receiptCode: value(f, 'receiptCode') }, key),
        data => li.replaceWith(valuableItem(data))));
    }
    return li;
  }

  const loadValuables = () => fill(valuableList, '/api/valuables?status=' + encodeURIComponent(valuableStatus.value), valuableItem);
  valuableStatus.addEventListener('change', loadValuables);

  const valuableForm = root.querySelector('[data-form=valuable]');
  const receipt = E.part('receipt', valuableForm);
  E.submitOnce(valuableForm, (f, key) => {
    receipt.hidden = true;
    return E.api('POST', '/api/valuables', { guestName: value(f, 'guestName'), guestPhone: value(f, 'guestPhone'), description: value(f, 'description'), roomNumber: value(f, 'roomNumber') }, key);
  }, (data, f) => {
    f.reset();
    receipt.replaceChildren(t('guest.valuables.receipt'), ' ', h('strong', { class: 'fs-4 font-monospace', dataset: { testid: 'receipt-code' } }, data.receiptCode));
    receipt.dataset.receiptFor = data.id;
    receipt.hidden = false;
    loadValuables();
  });

  // ---- stored drinks ----
  const drinkList = E.part('drink-list');

  function drinkItem(d) {
    const li = h('li', { class: 'card p-2 mb-2', dataset: { drink: d.id } },
      h('div', { class: 'd-flex gap-2 align-items-baseline' },
        h('a', { class: 'fw-semibold', href: '/customers/' + d.customerId }, d.customerName),
        h('span', { class: 'small' }, d.customerPhone),
        h('span', { class: 'ms-auto small', dataset: { part: 'remaining' } }, t('guest.drinks.remaining', d.remaining, d.quantity))),
      h('div', null, d.item),
      h('div', { class: 'small ' + (d.expired ? 'text-danger' : 'text-muted') },
        [d.expired ? t('guest.drinks.expired') : t('guest.drinks.expiresOn', d.expiresOn), d.ownerBadge ? t('guest.drinks.owner', d.ownerBadge) : null].filter(Boolean).join(' · ')));
    if (!d.expired && d.remaining > 0) {
      li.append(handForm('withdraw', t('guest.drinks.withdraw'), [{ name: 'quantity', label: t('field.quantity'), type: 'number', min: 1, inputmode: 'numeric' }], t('guest.drinks.withdrawDo'),
        (f, key) => E.api('POST', `/api/stored-drinks/${d.id}/withdraw`, { quantity: f.elements.quantity.value === '' ? null : Number(f.elements.quantity.value) }, key),
        data => li.replaceWith(drinkItem(data))));
    }
    return li;
  }

  const loadDrinks = () => fill(drinkList, '/api/stored-drinks', drinkItem);

  const drinkForm = root.querySelector('[data-form=drink]');
  const search = E.part('customer-search', drinkForm);
  const picker = drinkForm.elements.customerId;
  search.addEventListener('input', E.debounce(async () => {
    const q = search.value.trim();
    const result = q ? await E.api('GET', '/api/stored-drinks/customers?q=' + encodeURIComponent(q)) : { ok: true, data: [] };
    if (!result.ok) { E.showProblem(drinkForm, result.problem); return; }
    picker.replaceChildren(h('option', { value: '' }, t('guest.drinks.pick')),
      ...result.data.map(c => h('option', { value: c.id }, `${c.name} ${c.phone} · ${c.ownerBadge || ''}`)));
    if (result.data.length === 1) picker.value = result.data[0].id;
  }, 250));
  E.submitOnce(drinkForm, (f, key) => E.api('POST', '/api/stored-drinks', {
    customerId: f.elements.customerId.value || null, item: value(f, 'item'),
    quantity: f.elements.quantity.value === '' ? null : Number(f.elements.quantity.value),
  }, key), (data, f) => {
    f.reset();
    E.part('flash', f).textContent = t('guest.drinks.stored', data.expiresOn);
    loadDrinks();
  });

  loadLost();
  loadValuables();
  loadDrinks();
})();
