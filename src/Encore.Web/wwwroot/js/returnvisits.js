// Return visits (回访), /customers/return-visits: the caller's due and overdue visits from GET /api/return-visits
// (the floor and the GM see everyone's), each of one's own logged with channel, outcome and satisfaction 1–5.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const me = (root.dataset.me || '').toLowerCase();
  const template = document.getElementById('rv-form');
  const pageError = root.querySelector(':scope > [data-part=error]');

  function item(r) {
    const phone = r.phone && !r.phone.includes('*') ? h('a', { href: 'tel:' + r.phone }, r.phone) : r.phone;
    const li = h('li', { class: 'card p-2 mb-2' + (r.overdue ? ' rv-overdue' : ''), dataset: { visit: r.id, customer: r.customerId } },
      h('div', { class: 'd-flex gap-2 align-items-baseline' },
        h('a', { class: 'fw-semibold', href: '/customers/' + r.customerId }, r.customerName),
        h('span', { class: 'small' }, phone),
        h('span', { class: 'ms-auto small text-muted' }, r.dueDay)),
      h('div', { class: 'small text-muted' }, [t('customers.rv.reason.' + r.reason), (r.ownerBadge || '').toLowerCase() === me ? null : r.ownerBadge].filter(Boolean).join(' · ')));
    if ((r.ownerBadge || '').toLowerCase() === me) {
      const form = template.content.firstElementChild.cloneNode(true);
      form.querySelectorAll('.satisfaction input').forEach(input => input.addEventListener('change', () => {
        form.querySelectorAll('.satisfaction label').forEach(l => l.classList.toggle('active', l.contains(input) || Number(l.querySelector('input').value) <= Number(input.value)));
      }));
      E.submitOnce(form, (f, key) => {
        const picked = form.querySelector('[name=satisfaction]:checked');
        return E.api('POST', '/api/return-visits/' + r.id, {
          channel: form.elements.channel.value || null,
          outcome: form.elements.outcome.value.trim() || null,
          satisfaction: picked ? Number(picked.value) : null,
        }, key);
      }, () => {
        li.replaceChildren(h('div', { class: 'text-success small', dataset: { part: 'logged' } }, t('customers.rv.logged', r.customerName)));
        li.dataset.done = 'true';
      });
      li.append(form);
    }
    return li;
  }

  (async () => {
    const result = await E.api('GET', '/api/return-visits?status=due');
    if (!result.ok) { E.showError(pageError, result.problem); return; }
    const overdue = result.data.filter(r => r.overdue);
    const due = result.data.filter(r => !r.overdue);
    for (const [part, rows] of [['overdue', overdue], ['due', due]]) {
      root.querySelector(`[data-part=${part}]`).replaceChildren(...(rows.length === 0 ? [h('li', { class: 'text-muted small' }, t('customers.none'))] : rows.map(item)));
      root.querySelector(`[data-part=${part}-count]`).textContent = String(rows.length);
    }
  })();
})();
