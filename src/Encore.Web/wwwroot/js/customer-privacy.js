// The customer file's guest-service parts (/customers/{id}): the customer's stored drinks (存酒) for whoever sees
// the file, and for the GM the erasure of the guest's personal data at their request, after a confirmation.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const id = root.dataset.id;

  const list = E.part('storedDrinkList');
  if (list) {
    (async () => {
      const result = await E.api('GET', `/api/customers/${id}/stored-drinks`);
      if (!result.ok) { list.replaceChildren(h('li', { class: 'text-danger small' }, result.problem.detail)); return; }
      list.replaceChildren(...(result.data.length === 0 ? [h('li', { class: 'text-muted small' }, t('customers.storedDrinks.none'))]
        : result.data.map(d => h('li', { class: 'small', dataset: { drink: d.id } },
          t('customers.storedDrinks.row', d.item, d.remaining, d.quantity, d.expiresOn), d.expired ? ` · ${t('customers.storedDrinks.expired')}` : ''))));
    })();
  }

  const erase = root.querySelector('[data-form=erase]');
  if (erase) {
    erase.addEventListener('submit', event => {
      // Asked before submitOnce's own listener sends anything: an erasure cannot be undone.
      if (!window.confirm(t('customers.erase.confirm'))) { event.preventDefault(); event.stopImmediatePropagation(); }
    });
    E.submitOnce(erase, (f, key) => E.api('POST', `/api/customers/${id}/erase`, { reason: f.elements.reason.value.trim() || null }, key),
      () => location.reload());
  }
})();
