// The pipeline board (/accounts): every corporate account by stage. On a desk screen the stages are columns and a
// card is dragged to another column to move it (PUT /api/accounts/{id}/stage); on a phone the same columns stack as
// a list grouped by stage, each card with a stage selector. A move the API refuses for want of a reason (a skipped
// stage, lost, reopening) asks for one and tries again; any other refusal is shown as the API words it.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const me = (root.dataset.me || '').toLowerCase();
  const stages = ['lead', 'contacted', 'visited', 'negotiating', 'contracted', 'lost'];
  const general = root.querySelector(':scope > [data-part=error]');
  const mine = E.part('mine');
  const newForm = E.part('new');
  const researchForm = E.part('research-form');
  let rows = [];

  const stageText = s => t('accounts.stage.' + s);
  const column = s => root.querySelector(`.pipeline-column[data-stage="${s}"]`);

  function card(a) {
    const select = a.canWork
      ? h('select', { class: 'form-select form-select-sm d-lg-none mt-1', 'aria-label': t('field.stage'), 'data-testid': 'card-stage' },
        stages.map(s => h('option', { value: s, selected: s === a.stage }, stageText(s))))
      : null;
    if (select) select.addEventListener('change', () => move(a, select.value).then(ok => { if (!ok) select.value = a.stage; }));
    const li = h('li', { class: `pipeline-card card p-2 mb-1${a.ownerBadge.toLowerCase() === me ? ' mine' : ''}`, draggable: a.canWork ? 'true' : null,
      dataset: { account: a.id, stage: a.stage }, 'data-testid': 'account-card' },
      h('a', { href: `/accounts/${a.id}`, class: 'fw-semibold text-decoration-none', draggable: 'false' }, a.company),
      h('div', { class: 'small text-muted' }, [a.industry, `${a.ownerName}（${a.ownerBadge}）`].filter(Boolean).join(' · ')),
      h('div', { class: 'small' }, a.contactName, ' ', h('span', { class: 'font-monospace' }, a.contactPhone)),
      a.nextStep ? h('div', { class: 'small text-primary-emphasis' }, t('accounts.next', a.nextStep)) : null,
      a.contractStatus === 'pendingApproval' ? h('span', { class: 'badge text-bg-warning' }, t('accounts.contract.pendingApproval')) : null,
      a.stage === 'contracted' && a.contractTo ? h('div', { class: 'small text-muted' }, t('accounts.contractUntil', a.contractTo)) : null,
      a.stage === 'lost' && a.stageReason ? h('div', { class: 'small text-muted' }, a.stageReason) : null,
      a.duplicates.length ? h('div', { class: 'small text-warning-emphasis', dataset: { part: 'duplicate' } },
        t('accounts.duplicateOf', a.duplicates.map(d => d.company).join('、'))) : null,
      select);
    if (a.canWork) li.addEventListener('dragstart', event => {
      event.dataTransfer.setData('text/plain', a.id);
      event.dataTransfer.effectAllowed = 'move';
    });
    return li;
  }

  function render() {
    const shown = mine.checked ? rows.filter(r => r.ownerBadge.toLowerCase() === me) : rows;
    for (const s of stages) {
      const col = column(s);
      const list = shown.filter(r => r.stage === s);
      E.part('count', col).textContent = String(list.length);
      E.part('cards', col).replaceChildren(...list.map(card));
    }
  }

  async function load() {
    const result = await E.api('GET', '/api/accounts');
    if (!result.ok) { E.showError(general, result.problem); return; }
    rows = result.data;
    render();
  }

  // One move: asked for a reason up front for lost, and again when the API says a skip or a reopening needs one.
  const moving = {};
  async function move(a, stage) {
    if (stage === a.stage) return true;
    let reason = null;
    if (stage === 'lost') {
      reason = window.prompt(t('accounts.reasonLost'));
      if (!reason) return false;
    }
    general.hidden = true;
    for (;;) {
      const result = await E.send(moving, a.id + stage + (reason || ''), key => E.api('PUT', `/api/accounts/${a.id}/stage`, { stage, reason }, key));
      if (!result) return false;
      if (result.ok) {
        Object.assign(a, result.data);
        render();
        return true;
      }
      const errors = result.problem.errors || {};
      if (result.status === 400 && errors.reason && !reason) {
        reason = window.prompt(`${[].concat(errors.reason).join(' ')}\n${t('accounts.reasonPrompt')}`);
        if (reason) continue;
        return false;
      }
      E.showError(general, result.problem);
      return false;
    }
  }

  for (const s of stages) {
    const col = column(s);
    col.addEventListener('dragover', event => { event.preventDefault(); col.classList.add('drop-target'); });
    col.addEventListener('dragleave', () => col.classList.remove('drop-target'));
    col.addEventListener('drop', event => {
      event.preventDefault();
      col.classList.remove('drop-target');
      const a = rows.find(r => r.id === event.dataTransfer.getData('text/plain'));
      if (a) move(a, s);
    });
  }
  mine.addEventListener('change', render);

  const dupBox = E.part('new-duplicates');
  E.submitOnce(newForm, (form, key) => E.api('POST', '/api/accounts', {
    company: form.company.value, industry: form.industry.value || null, source: form.source.value || null,
    contactName: form.contactName.value, contactPhone: form.contactPhone.value,
  }, key), data => {
    newForm.reset();
    dupBox.hidden = data.duplicates.length === 0;
    dupBox.textContent = data.duplicates.length ? t('accounts.duplicateOf', data.duplicates.map(d => d.company).join('、')) : '';
    return load();
  });

  async function loadSide() {
    const [renewals, kpis, research] = await Promise.all([
      E.api('GET', '/api/accounts/renewals'), E.api('GET', '/api/accounts/kpis'), E.api('GET', '/api/accounts/research')]);
    if (renewals.ok) {
      E.part('renewals-card').hidden = renewals.data.length === 0;
      E.part('renewals').replaceChildren(...renewals.data.map(r => h('li', { dataset: { contract: r.contractId } },
        h('a', { href: `/accounts/${r.accountId}` }, r.company), ` · ${r.ownerName} · `, t('accounts.endsIn', r.to, r.daysLeft))));
    }
    if (kpis.ok) {
      E.part('kpi-month').textContent = kpis.data.month;
      E.part('kpis').replaceChildren(...kpis.data.people.map(p => h('tr', { dataset: { badge: p.badge } },
        h('td', null, `${p.name}（${p.badge}）`), h('td', { class: 'text-end' }, String(p.newLeads)), h('td', { class: 'text-end' }, String(p.visits)),
        h('td', { class: 'text-end' }, String(p.contractsSigned)), h('td', { class: 'text-end' }, E.money(p.contractedSpend)))));
    }
    if (research.ok) {
      E.part('research').replaceChildren(...research.data.map(n => h('li', { class: 'mb-2' },
        h('div', null, h('span', { class: 'fw-semibold' }, n.title), h('span', { class: 'text-muted' }, ` · ${n.day} · ${n.staffName}`)),
        n.note ? h('div', null, n.note) : null,
        h('div', null, n.tags.map(tag => h('span', { class: 'badge text-bg-light border me-1' }, tag))))));
    }
  }

  E.submitOnce(researchForm, (form, key) => E.api('POST', '/api/accounts/research', {
    title: form.title.value, note: form.note.value || null, tags: form.tags.value || null,
  }, key), () => { researchForm.reset(); return loadSide(); });

  load();
  loadSide();
})();
