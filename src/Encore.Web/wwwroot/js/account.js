// One corporate account (/accounts/{id}): contacts, stage, activities and contracts as GET /api/accounts/{id} shows
// them to the reader; the owner and the floor add to them and move the stage, the GM approves or declines a contract
// waiting for them. Every rule is the API's: a refusal is shown next to the field it names.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const id = root.dataset.id;
  const mayApprove = E.flag('mayApprove');
  const general = root.querySelector(':scope > [data-part=error]');
  const stageForm = E.part('stage-form');
  const activityForm = E.part('activity-form');
  const contactForm = E.part('contact-form');
  const contractForm = E.part('contract-form');

  const percent = rate => `${Math.round(Number(rate) * 100)}%`;

  function contract(c) {
    const li = h('li', { class: 'border rounded p-2 mb-1', dataset: { contract: c.id, status: c.status }, 'data-testid': 'account-contract' },
      h('div', { class: 'fw-semibold' }, `${c.from} – ${c.to}`, ' ',
        h('span', { class: `badge ${c.inForce ? 'text-bg-success' : c.status === 'pendingApproval' ? 'text-bg-warning' : 'text-bg-secondary'}`, dataset: { part: 'status' } },
          c.inForce ? t('accounts.contract.inForce') : t('accounts.contract.' + c.status))),
      h('div', null, t('accounts.contractTerms', percent(c.discountRate), E.money(c.creditLimit), t('accounts.settlement.' + c.settlement))),
      h('div', { class: 'text-muted' }, t('accounts.contractBy', c.createdBy || '—', c.decidedBy || '—')));
    if (mayApprove && c.status === 'pendingApproval') {
      const state = {};
      for (const verdict of ['approve', 'decline']) {
        const button = h('button', { type: 'button', class: `btn btn-sm ${verdict === 'approve' ? 'btn-success' : 'btn-outline-danger'} me-1 mt-1`, 'data-testid': `contract-${verdict}` },
          t('accounts.' + verdict));
        button.addEventListener('click', () => E.send(state, verdict, key => E.api('POST', `/api/accounts/contracts/${c.id}/${verdict}`, undefined, key),
          { buttons: [button], then: r => (r.ok ? load() : E.showError(general, r.problem)) }));
        li.append(button);
      }
    }
    return li;
  }

  async function load() {
    const result = await E.api('GET', `/api/accounts/${id}`);
    if (!result.ok) { E.showError(general, result.problem); return; }
    const d = result.data;
    const a = d.account;
    E.part('company').textContent = a.company;
    E.part('meta').textContent = [a.industry, a.source, `${t('accounts.owner')} ${a.ownerName}（${a.ownerBadge}）`].filter(Boolean).join(' · ');
    const stage = E.part('stage');
    stage.textContent = t('accounts.stage.' + a.stage) + (a.stageReason ? ` · ${a.stageReason}` : '');
    stage.dataset.stage = a.stage;
    const dups = E.part('duplicates');
    dups.hidden = a.duplicates.length === 0;
    dups.replaceChildren(t('accounts.duplicateOf', ''), ...a.duplicates.map(x => h('a', { href: `/accounts/${x.id}`, class: 'me-1' }, x.company)));
    if (stageForm) stageForm.stage.value = a.stage;
    E.part('contacts').replaceChildren(...d.contacts.map(c => h('li', { class: 'mb-1' },
      h('span', { class: 'fw-semibold' }, c.name), c.title ? ` · ${c.title}` : '', ' ',
      c.phoneMasked ? h('span', { class: 'font-monospace' }, c.phone) : h('a', { class: 'font-monospace', href: `tel:${c.phone}` }, c.phone))));
    E.part('contracts').replaceChildren(...(d.contracts.length ? d.contracts.map(contract) : [h('li', { class: 'text-muted' }, t('accounts.noContract'))]));
    E.part('activities').replaceChildren(...d.activities.map(x => h('li', { class: 'border-bottom py-1' },
      h('div', null, h('span', { class: 'badge text-bg-light border me-1' }, t('accounts.kind.' + x.kind)), E.dateTime(x.at),
        h('span', { class: 'text-muted' }, ` · ${x.staffName || ''}`)),
      h('div', null, x.note),
      x.nextStep ? h('div', { class: 'text-primary-emphasis' }, t('accounts.next', x.nextStep)) : null)));
  }

  if (stageForm) E.submitOnce(stageForm, (form, key) => E.api('PUT', `/api/accounts/${id}/stage`, { stage: form.stage.value, reason: form.reason.value || null }, key),
    () => { stageForm.reason.value = ''; return load(); });
  if (activityForm) E.submitOnce(activityForm, (form, key) => E.api('POST', `/api/accounts/${id}/activities`, {
    kind: form.kind.value, at: form.at.value || null, note: form.note.value, nextStep: form.nextStep.value || null,
  }, key), () => { activityForm.reset(); return load(); });
  if (contactForm) E.submitOnce(contactForm, (form, key) => E.api('POST', `/api/accounts/${id}/contacts`, {
    name: form.name.value, phone: form.phone.value, title: form.title.value || null,
  }, key), () => { contactForm.reset(); return load(); });
  const number = v => (v === '' ? null : Number(v));
  if (contractForm) E.submitOnce(contractForm, (form, key) => E.api('POST', `/api/accounts/${id}/contracts`, {
    from: form.from.value || null, to: form.to.value || null, discountRate: number(form.discountRate.value),
    creditLimit: number(form.creditLimit.value), settlement: form.settlement.value,
  }, key), () => load());

  load();
})();
