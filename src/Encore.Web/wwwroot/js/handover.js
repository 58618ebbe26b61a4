// The shift handover, /handover (SPEC.md "Shift handover", 交接班): what Encore will hand over (open complaints, items
// kept, valuables held, out-of-service rooms, unfinished meeting actions, the closing round), the outgoing shift's
// notes and open matters; the night's handovers, each acknowledged by the incoming shift. Live over the board's hub.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const pageError = root.querySelector(':scope > [data-part=error]');
  const form = E.part('write');
  const prefill = E.part('prefill');
  const list = E.part('list');
  const dayInput = E.part('day');
  const day = () => dayInput.value || E.today;

  /** Encore's matters, one short section each (empty ones say so in one line). */
  function matters(m) {
    const block = (name, title, items, line) => h('div', { class: 'mb-1', dataset: { matter: name } },
      h('span', { class: 'fw-semibold' }, `${title} ${items.length}`),
      items.length ? h('ul', { class: 'mb-0 ps-3' }, items.map(i => h('li', null, line(i)))) : null);
    return h('div', null,
      h('div', { class: 'mb-1', dataset: { matter: 'closingRound', state: m.closingRound } }, h('span', { class: 'fw-semibold' }, t('handover.closingRound')), ' ',
        h('span', { class: 'badge text-bg-' + (m.closingRound === 'complete' ? 'success' : 'danger') }, t('handover.closing.' + m.closingRound))),
      block('complaints', t('handover.openComplaints'), m.openComplaints, c => [c.roomNumber ? c.roomNumber + ' ' : '', t('complaint.category.' + c.category), ' · ',
        c.description, ' · ', t('complaint.status.' + c.status), c.overdue ? h('span', { class: 'badge text-bg-danger ms-1' }, t('handover.overdue')) : null]),
      block('lost', t('handover.itemsKept'), m.itemsKept, i => `${i.roomNumber} ${i.description} · ${i.storage}`),
      block('valuables', t('handover.valuablesHeld'), m.valuablesHeld, v => `${v.roomNumber || ''} ${v.description} · ${E.dayTime(v.takenAt)}`),
      block('rooms', t('handover.outOfService'), m.outOfServiceRooms, r => `${r.number} ${r.note}`),
      block('actions', t('handover.actions'), m.unfinishedActions, a => [`${a.text} · ${a.ownerName} (${a.ownerBadge}) · ${a.due}`,
        a.overdue ? h('span', { class: 'badge text-bg-danger ms-1' }, t('handover.overdue')) : null]));
  }

  function card(x) {
    const li = h('li', { class: 'card p-2 mb-2', dataset: { handover: x.id, acknowledged: x.acknowledgedAt ? 'true' : 'false' } },
      h('div', { class: 'd-flex flex-wrap gap-2 align-items-baseline' }, h('span', { class: 'fw-semibold' }, `${x.writtenByName} (${x.writtenBy})`),
        h('span', { class: 'text-muted small' }, E.dateTime(x.writtenAt)),
        x.acknowledgedAt ? h('span', { class: 'ms-auto badge text-bg-success', 'data-testid': 'handover-acknowledged' }, t('handover.acknowledgedBy', x.acknowledgedByName, x.acknowledgedBy, E.hhmm(x.acknowledgedAt)))
          : h('span', { class: 'ms-auto badge text-bg-warning' }, t('handover.waiting'))),
      x.notes ? h('p', { class: 'diary-text mb-1' }, x.notes) : null,
      x.openMatters.length ? h('ul', { class: 'mb-1' }, x.openMatters.map(m => h('li', null, m))) : null,
      h('details', { class: 'small' }, h('summary', null, t('handover.encoreMatters')), matters(x.matters)));
    if (!x.acknowledgedAt && x.writtenBy.toLowerCase() !== E.me.toLowerCase()) {
      const state = {};
      const button = h('button', { type: 'button', class: 'btn btn-sm btn-success mt-1', 'data-testid': 'handover-acknowledge' }, t('handover.acknowledge'));
      button.addEventListener('click', () => E.send(state, 'ack', key => E.api('POST', `/api/shift-handover/${x.id}/acknowledge`, undefined, key),
        { buttons: [button], then: r => (r.ok ? load() : E.showError(pageError, r.problem)) }));
      li.append(button);
    }
    return li;
  }

  async function load() {
    const result = await E.api('GET', `/api/shift-handover?businessDay=${day()}`);
    if (!result.ok) throw new Error(result.problem.detail);
    list.replaceChildren(...(result.data.length ? result.data.map(card) : [h('li', { class: 'text-muted small' }, t('handover.none'))]));
  }

  async function loadPrefill() {
    const result = await E.api('GET', '/api/shift-handover/prefill');
    if (result.ok) prefill.replaceChildren(matters(result.data));
  }

  E.submitOnce(form, (f, key) => E.api('POST', '/api/shift-handover', {
    notes: f.elements.notes.value,
    openMatters: f.elements.openMatters.value.split('\n').map(s => s.trim()).filter(s => s),
  }, key), () => { form.reset(); dayInput.value = E.today; load(); loadPrefill(); });

  dayInput.addEventListener('change', () => load().catch(e => E.showError(pageError, { detail: e.message })));
  E.connect({ handoverChanged: () => load().catch(() => { }) }, () => Promise.all([load(), loadPrefill()]), E.liveStatus(root));
})();
