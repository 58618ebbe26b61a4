// The floor's and the GM's home page: overdue complaints (SPEC.md "Complaints": overdue ones escalate and show on the
// GM's page), read through GET /api/complaints?overdue=true and again on each "complaintChanged" from /hubs/board.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, part } = E;
  async function load() {
    const answer = await E.api('GET', '/api/complaints?overdue=true');
    if (!answer.ok) return;
    const total = part('overdue-total');
    total.textContent = String(answer.data.length);
    total.className = `badge ${answer.data.length > 0 ? 'text-bg-danger' : 'text-bg-success'}`;
    part('overdue-list').replaceChildren(...answer.data.slice(0, 5).map(c => h('li', { dataset: { complaint: c.id } },
      h('span', { class: 'badge text-bg-danger me-1' }, t('complaint.escalation.' + c.escalatedTo)),
      c.roomNumber ? `${t('complaints.room', c.roomNumber)} · ` : '', t('complaint.category.' + c.category), ' · ', c.description)));
  }
  E.connect({ complaintChanged: () => load().catch(() => { /* the next event or reconnect reads it again */ }) }, load, () => { /* no state shown */ });
})();
