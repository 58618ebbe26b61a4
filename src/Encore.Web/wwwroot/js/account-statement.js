// An account's monthly statement (/accounts/{id}/statement): GET /api/accounts/{id}/statement for the month chosen, its
// files, and the cashier's payments through POST /api/accounts/{id}/payments. The figures are the API's, not recomputed.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const id = root.dataset.id;
  const general = root.querySelector(':scope > [data-part=error]');
  let month = E.monthForm(E.part('month-form'), m => { month = m; load(); });

  const figure = (key, value, testid) => h('div', { class: 'col-6 col-md-3' },
    h('div', { class: 'card p-2 h-100', 'data-testid': testid },
      h('div', { class: 'small text-muted' }, t('accountStatement.' + key)), h('div', { class: 'fs-5 fw-semibold' }, value)));

  async function load() {
    for (const a of E.part('downloads').querySelectorAll('a'))
      a.href = `/api/accounts/${id}/statement?month=${encodeURIComponent(month)}&format=${a.dataset.format}`;
    const result = await E.api('GET', `/api/accounts/${id}/statement?month=${encodeURIComponent(month)}`);
    if (!result.ok) { E.showError(general, result.problem); return; }
    general.hidden = true;
    const s = result.data;
    E.part('title').textContent = t('accountStatement.title', s.company) + ' · ' + s.month;
    const c = s.contract;
    E.part('terms').textContent = c
      ? t('accountStatement.terms', c.from, c.to, Math.round(c.discountRate * 1000) / 10, E.money(c.creditLimit).replace('¥', ''), t('accounts.settlement.' + c.settlement))
      : t('accountStatement.noContract');
    E.part('figures').replaceChildren(
      figure('sessions', String(s.sessions), 'statement-sessions'), figure('spend', E.money(s.spend), 'statement-spend'),
      figure('charged', E.money(s.charged), 'statement-charged'), figure('paid', E.money(s.paid), 'statement-paid'),
      figure('opening', E.money(s.openingBalance), 'statement-opening'), figure('closing', E.money(s.closingBalance), 'statement-closing'),
      figure('balance', E.money(s.balance), 'statement-balance'),
      figure('remaining', s.remainingCredit === null || s.remainingCredit === undefined ? '—' : E.money(s.remainingCredit), 'statement-remaining'));
    E.part('lines').replaceChildren(...(s.lines.length === 0
      ? [h('tr', null, h('td', { colspan: 6, class: 'text-muted' }, t('accountStatement.none')))]
      : s.lines.map(l => h('tr', { dataset: { settled: String(l.settledToAccount) } },
        h('td', null, l.businessDay), h('td', null, l.roomNumber), h('td', null, l.guest),
        h('td', { class: 'text-end' }, E.money(l.spend)), h('td', { class: 'text-end' }, E.money(l.discount)),
        h('td', { class: 'text-end fw-semibold' }, l.settledToAccount ? E.money(l.charged) : '—')))));
    E.part('payments').replaceChildren(...(s.payments.length === 0
      ? [h('li', { class: 'text-muted' }, t('accountStatement.noPayments'))]
      : s.payments.map(p => h('li', null, `${p.paidOn} · ${E.money(p.amount)} · ${t('paymentMethod.' + p.method)}${p.note ? ' · ' + p.note : ''} · ${p.recordedBy || ''}`))));
  }

  const payment = E.part('payment-form');
  if (payment) {
    E.submitOnce(payment, (f, key) => E.api('POST', `/api/accounts/${id}/payments`, {
      amount: f.elements.amount.value === '' ? null : Number(f.elements.amount.value),
      paidOn: f.elements.paidOn.value || null,
      method: f.elements.method.value,
      note: f.elements.note.value.trim() || null,
    }, key), paid => {
      const flash = payment.querySelector('[data-part=flash]');
      flash.textContent = t('accountStatement.paymentSaved', E.money(paid.balance).replace('¥', ''));
      flash.hidden = false;
      payment.elements.amount.value = '';
      payment.elements.note.value = '';
      load();
    }, payment.querySelector('[data-part=error]'));
  }
  load();
})();
