// Partners and their commissions (/partners): GET /api/partners/commissions for the month chosen (one row per partner),
// a partner's referred visits and statement files from GET /api/partners/{id}/statement, and — for whoever files
// partners — POST /api/partners and PUT /api/partners/{id} from one form. The rate is typed in percent, sent as a fraction.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const general = root.querySelector(':scope > [data-part=error]');
  const flash = E.part('flash');
  const form = E.part('form');
  let partners = new Map(); // id → PartnerView (with the contact, for the form)
  let shown = null;         // the partner whose statement is open
  let month = E.monthForm(E.part('month-form'), m => { month = m; load(); });

  const ratePercent = r => (r === null || r === undefined ? '' : String(Math.round(r * 10000) / 100));

  async function load() {
    const [list, figures] = await Promise.all([E.api('GET', '/api/partners?all=true'), E.api('GET', `/api/partners/commissions?month=${encodeURIComponent(month)}`)]);
    if (!list.ok || !figures.ok) { E.showError(general, (list.ok ? figures : list).problem); return; }
    general.hidden = true;
    partners = new Map(list.data.map(p => [p.id, p]));
    const rows = figures.data;
    E.part('rows').replaceChildren(...(rows.length === 0
      ? [h('tr', null, h('td', { colspan: 6, class: 'text-muted' }, t('partners.none')))]
      : rows.map(s => {
        const p = partners.get(s.partnerId) || {};
        const rate = p.commissionRate === null || p.commissionRate === undefined ? t('partners.houseRate', ratePercent(p.effectiveRate)) : ratePercent(p.commissionRate) + '%';
        return h('tr', { dataset: { partner: s.partnerId }, class: shown === s.partnerId ? 'table-active' : '', style: 'cursor:pointer' },
          h('td', null, h('div', { class: 'fw-semibold' }, s.name, form ? h('button', { type: 'button', class: 'btn btn-link btn-sm py-0 ms-1 align-baseline', dataset: { edit: s.partnerId } }, t('partners.edit')) : ''),
            h('div', { class: 'small text-muted' }, t('partners.kind.' + s.kind), h('span', { class: 'd-md-none' }, ' · ' + rate),
              (p.active === false ? ' · ' + t('partners.retired') : '') + (p.contactName ? ' · ' + p.contactName : '') + (p.phone ? ' · ' + p.phone : ''))),
          h('td', { class: 'd-none d-md-table-cell' + (p.commissionRate === null || p.commissionRate === undefined ? ' text-muted' : '') }, rate),
          h('td', { class: 'text-end' }, String(s.visits)), h('td', { class: 'text-end d-none d-md-table-cell' }, String(s.guests)),
          h('td', { class: 'text-end' }, E.money(s.referredSpend)), h('td', { class: 'text-end fw-semibold', dataset: { testid: 'partner-commission' } }, E.money(s.commission)));
      })));
    const sum = key => rows.reduce((a, s) => a + Number(s[key]), 0);
    E.part('total').replaceChildren(h('tr', { class: 'fw-semibold' }, h('td', null, t('partners.total')), h('td', { class: 'd-none d-md-table-cell' }),
      h('td', { class: 'text-end' }, String(sum('visits'))), h('td', { class: 'text-end d-none d-md-table-cell' }, String(sum('guests'))),
      h('td', { class: 'text-end' }, E.money(sum('referredSpend'))), h('td', { class: 'text-end' }, E.money(sum('commission')))));
    if (shown) showStatement(shown);
  }

  async function showStatement(id) {
    shown = id;
    for (const tr of E.part('rows').querySelectorAll('tr[data-partner]')) tr.classList.toggle('table-active', tr.dataset.partner === id);
    const box = E.part('statement');
    for (const a of E.part('downloads').querySelectorAll('a'))
      a.href = `/api/partners/${id}/statement?month=${encodeURIComponent(month)}&format=${a.dataset.format}`;
    const result = await E.api('GET', `/api/partners/${id}/statement?month=${encodeURIComponent(month)}`);
    if (!result.ok) { E.showError(general, result.problem); return; }
    const s = result.data;
    E.part('statement-title').textContent = `${t('partnerStatement.title', s.name)} · ${s.month} · ${E.money(s.commission)}`;
    E.part('lines').replaceChildren(...(s.lines.length === 0
      ? [h('tr', null, h('td', { colspan: 7, class: 'text-muted' }, t('partners.noVisits')))]
      : s.lines.map(l => h('tr', null, h('td', null, l.businessDay), h('td', null, l.roomNumber), h('td', null, `${l.guest} · ${l.partySize}`),
        h('td', null, l.bookerBadge), h('td', { class: 'text-end' }, E.money(l.referred)), h('td', { class: 'text-end d-none d-md-table-cell' }, ratePercent(l.rate) + '%'),
        h('td', { class: 'text-end' }, E.money(l.commission))))));
    box.hidden = false;
  }

  E.part('rows').addEventListener('click', event => {
    const edit = event.target.closest('button[data-edit]');
    if (edit) { openForm(partners.get(edit.dataset.edit)); return; }
    const row = event.target.closest('tr[data-partner]');
    if (row) showStatement(row.dataset.partner);
  });

  function openForm(partner) {
    E.freshForm(form);
    form.dataset.id = partner ? partner.id : '';
    const f = form.elements;
    f.name.value = partner ? partner.name : '';
    f.kind.value = partner ? partner.kind : 'hotel';
    f.commissionRate.value = partner ? ratePercent(partner.commissionRate) : '';
    f.contactName.value = partner ? partner.contactName : '';
    f.phone.value = partner ? partner.phone : '';
    f.note.value = partner ? partner.note : '';
    f.active.checked = partner ? partner.active : true;
    form.hidden = false;
    f.name.focus();
  }

  if (form) {
    E.part('add').addEventListener('click', () => openForm(null));
    form.querySelector('[data-part=cancel]').addEventListener('click', () => { form.hidden = true; });
    E.submitOnce(form, (f, key) => {
      const e = f.elements;
      const rate = e.commissionRate.value.trim();
      const body = {
        name: e.name.value.trim() || null, kind: e.kind.value, commissionRate: rate === '' ? null : Number((Number(rate) / 100).toFixed(6)),
        contactName: e.contactName.value.trim() || null, phone: e.phone.value.trim() || null, note: e.note.value.trim() || null, active: e.active.checked,
      };
      return f.dataset.id ? E.api('PUT', `/api/partners/${f.dataset.id}`, body, key) : E.api('POST', '/api/partners', body, key);
    }, saved => {
      form.hidden = true;
      flash.textContent = t('partners.saved', saved.name);
      flash.hidden = false;
      load();
    });
  }
  load();
})();
