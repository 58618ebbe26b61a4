// Tonight's room quotas (GET /api/quotas), in the card [data-part=quotas] of the board (every manager's, for the
// host desk) or of the bookings page (data-scope="mine": the manager's own, on their phone). The page's own live
// script calls Encore.quotas.refresh() on "bookingChanged" and "quotasChanged" and on every resync.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h } = E;
  const card = document.querySelector('[data-part=quotas]');

  // "小包 2/3": what is left of each type that was shared out or approved.
  function typeChips(m) {
    return m.types.filter(x => x.quota + x.granted > 0).map(x =>
      h('span', { class: 'badge text-bg-light border me-1', dataset: { type: x.roomType, left: String(x.left) } },
        `${E.typeText(x.roomType)} ${x.left}/${x.quota + x.granted}`));
  }

  function render(q) {
    const body = card.querySelector('[data-part=quota-body]');
    card.hidden = !q.enabled;
    if (!q.enabled) return;
    if (!q.split) {
      body.replaceChildren(h('div', { class: 'small text-muted' }, t('quota.pending', E.hhmm(q.splitAt))));
      return;
    }
    if (card.dataset.scope === 'mine') {
      const m = q.mine;
      body.replaceChildren(m
        ? h('div', { dataset: { testid: 'my-quota', left: String(m.left) } },
          h('div', { class: 'fw-semibold mb-1' }, t('quota.left', m.left)), h('div', null, ...typeChips(m)))
        : h('div', { class: 'small text-muted', dataset: { testid: 'my-quota' } }, t('quota.none')));
      return;
    }
    const rooms = h('div', { class: 'small text-muted mb-1' },
      q.rooms.filter(r => r.unbooked > 0).map(r => `${E.typeText(r.roomType)} ${r.unbooked}`).join(' · '));
    body.replaceChildren(rooms, h('ul', { class: 'list-unstyled mb-0 small' }, ...q.managers.map(m =>
      h('li', { class: 'd-flex flex-wrap align-items-baseline gap-1 py-1 border-top', dataset: { badge: m.badge, left: String(m.left) } },
        h('span', { class: 'fw-semibold me-1' }, `${m.order}. ${m.name}（${m.badge}）`),
        h('span', { class: 'ms-auto' }, t('quota.left', m.left)),
        h('div', { class: 'w-100' }, ...typeChips(m))))));
  }

  async function refresh() {
    if (!card) return;
    const result = await E.api('GET', '/api/quotas?businessDay=' + encodeURIComponent(E.page.dataset.businessDay));
    if (result.ok) render(result.data);
  }
  const later = E.debounce(() => refresh().catch(() => { /* the next resync loads it again */ }), 200);
  E.quotas = { refresh, changed: later };
})();
