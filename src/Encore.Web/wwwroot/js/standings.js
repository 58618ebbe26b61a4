// The month's standings (/performance): signed spend against target per person, as a Chart.js bar chart and a
// table, fetched again on "standingsChanged" (a bill, a signature, an import) without a reload. The GM and the
// floor manager set a person's monthly target inline (PUT /api/targets/{badge}/{month}).
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const canSetTargets = E.flag('canSetTargets');
  const me = root.dataset.me;
  const monthForm = root.querySelector('form[data-form=month]');
  const rowsBox = root.querySelector('[data-part=rows]');
  const general = root.querySelector('[data-part=error]');
  const canvas = root.querySelector('[data-part=chart]');
  let month = E.monthForm(monthForm, chosen => {
    month = chosen;
    editing = null;
    load().catch(showError);
  });
  let standings = [];
  let editing = null;    // badge whose target is being edited: its row is left alone until saved or cancelled
  let stale = false;     // an update came while editing

  const nameOf = s => `${s.name}（${s.badge}）`;

  // ---- the chart ----

  let chart = null;
  let chartAcross = null;
  function renderChart() {
    const people = standings.filter(s => s.role === 'manager' || s.spend > 0 || s.unsignedSpend > 0);
    const data = {
      labels: people.map(s => s.name),
      datasets: [
        { label: t('standings.spend'), data: people.map(s => s.spend), backgroundColor: '#0d6efd' },
        { label: t('standings.unsigned'), data: people.map(s => s.unsignedSpend), backgroundColor: '#ffc107' },
        { label: t('standings.target'), data: people.map(s => s.targetSpend), backgroundColor: 'rgba(108, 117, 125, .35)' },
      ],
    };
    // A phone lists people down the screen (horizontal bars); a desk screen side by side.
    const across = window.matchMedia('(min-width: 768px)').matches;
    const value = across ? 'y' : 'x';
    canvas.parentElement.style.height = across ? '300px' : `${Math.max(240, people.length * 38 + 70)}px`;
    canvas.dataset.people = String(people.length);
    if (typeof Chart === 'undefined') return;
    if (chart && chartAcross === across) {
      chart.data = data;
      chart.update();
      return;
    }
    if (chart) chart.destroy();
    chartAcross = across;
    chart = new Chart(canvas, {
      type: 'bar',
      data,
      options: {
        indexAxis: across ? 'x' : 'y',
        maintainAspectRatio: false,
        animation: false,
        scales: { [value]: { ticks: { callback: v => E.money(v) } } },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: c => `${c.dataset.label}: ${E.money(c.parsed[value])}` } },
        },
      },
    });
  }

  // ---- the table ----

  function row(s, rank) {
    const tr = h('tr', { class: `${s.badge === me ? 'table-primary ' : ''}${s.flaggedForReview ? 'flagged' : ''}`,
      dataset: { badge: s.badge, spend: String(s.spend), rooms: String(s.rooms), unsigned: String(s.unsignedSpend), review: String(s.flaggedForReview) } });
    const bar = Math.min(100, Math.round(s.attainment * 100));
    tr.append(
      h('td', { class: 'text-muted' }, String(rank)),
      h('td', null, h('div', { class: 'fw-semibold' }, nameOf(s)),
        h('div', { class: 'small text-muted' }, t('role.' + s.role), s.managerBadge ? ` · ${t('standings.under', s.managerBadge)}` : '')),
      h('td', { class: 'text-end fw-semibold', dataset: { part: 'spend' } }, E.money(s.spend)),
      targetCell(s),
      h('td', { class: 'text-end', dataset: { part: 'attainment' } }, E.percent(s.attainment, 1),
        h('div', { class: 'progress attainment-bar', role: 'presentation' }, h('div', { class: `progress-bar ${s.attainment >= 1 ? 'bg-success' : ''}`, style: `width: ${bar}%` }))),
      h('td', { class: 'text-end', dataset: { part: 'rooms' } }, `${s.rooms} / ${s.targetRooms}`),
      h('td', { class: 'text-end', dataset: { part: 'unsigned' } }, s.unsignedSpend > 0 ? E.money(s.unsignedSpend) : '—'),
      h('td', { class: 'text-end small' }, `${E.money(s.discounts)} / ${E.money(s.comps)}`),
      h('td', { class: `text-end${s.newCustomersDue ? ' text-danger fw-semibold' : ''}`, dataset: { part: 'new-customers', due: String(s.newCustomersDue) } },
        `${s.newCustomers} / ${s.newCustomersQuota}`, s.newCustomersDue ? h('div', { class: 'small' }, t('standings.due')) : null),
      h('td', null, s.flaggedForReview ? h('span', { class: 'badge text-bg-danger', dataset: { part: 'review' } }, t('standings.review')) : null,
        // Issue 18: the other reasons for a dismissal review (the appraisal's), beside the missed-targets flag.
        ...(s.reviewReasons || []).filter(r => r !== 'missedTargets').map(r =>
          h('span', { class: 'badge text-bg-warning ms-1', dataset: { part: 'reason', reason: r } }, t('standings.reviewReason.' + r)))));
    return tr;
  }

  function targetCell(s) {
    const cell = h('td', { class: 'text-end', dataset: { part: 'target' } }, E.money(s.targetSpend));
    if (canSetTargets) cell.append(' ', h('button', { type: 'button', class: 'btn btn-link btn-sm p-0 align-baseline', dataset: { act: 'edit-target' }, 'aria-label': t('standings.editTarget') }, '✎'));
    return cell;
  }

  function targetForm(s) {
    return h('td', { colspan: '3', class: 'text-end' },
      h('form', { class: 'd-flex flex-wrap justify-content-end gap-1', dataset: { form: 'target' }, novalidate: true },
        h('div', null,
          h('input', { class: 'form-control form-control-sm target-input', name: 'spend', type: 'number', min: '0', step: '1000', inputmode: 'decimal', value: String(s.targetSpend), 'aria-label': t('standings.targetSpend') }),
          h('div', { class: 'field-error', dataset: { errorFor: 'spend' } })),
        h('div', null,
          h('input', { class: 'form-control form-control-sm target-input', name: 'rooms', type: 'number', min: '0', step: '1', inputmode: 'numeric', value: String(s.targetRooms), 'aria-label': t('standings.targetRooms') }),
          h('div', { class: 'field-error', dataset: { errorFor: 'rooms' } })),
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary' }, t('standings.save')),
        h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', dataset: { act: 'cancel-target' } }, t('standings.cancel')),
        h('div', { class: 'alert alert-danger py-1 px-2 small w-100 mb-0', dataset: { part: 'error' }, hidden: true })));
  }

  function renderRows() {
    rowsBox.replaceChildren(...standings.map((s, i) => row(s, i + 1)));
  }

  rowsBox.addEventListener('click', event => {
    const act = event.target.closest('[data-act]')?.dataset.act;
    if (!act) return;
    const tr = event.target.closest('tr[data-badge]');
    if (act === 'edit-target' && !editing) {
      const s = standings.find(x => x.badge === tr.dataset.badge);
      editing = s.badge;
      // The target, attainment and rooms cells become one small form.
      const cells = tr.children;
      const form = targetForm(s);
      cells[3].replaceWith(form);
      tr.children[4].remove();
      tr.children[4].remove();
      form.querySelector('input').focus();
    }
    if (act === 'cancel-target') doneEditing();
  });

  rowsBox.addEventListener('submit', event => {
    event.preventDefault();
    const form = event.target;
    const badge = form.closest('tr').dataset.badge;
    const number = v => (v === '' ? null : Number(v));
    E.submit(form, (f, key) => E.api('PUT', `/api/targets/${encodeURIComponent(badge)}/${month}`,
      { spend: number(f.elements.spend.value), rooms: number(f.elements.rooms.value) }, key), () => { stale = true; doneEditing(); });
  });

  function doneEditing() {
    editing = null;
    if (stale) load().catch(showError);
    else renderRows();
  }

  // ---- loading ----

  const showError = problem => E.showError(general, problem);

  async function load() {
    const asked = month;
    const answer = await E.api('GET', '/api/performance?month=' + encodeURIComponent(asked));
    if (!answer.ok) throw answer.problem;
    if (asked !== month) return;
    general.hidden = true;
    standings = answer.data;
    root.dataset.month = month;
    stale = false;
    renderChart();
    if (!editing) renderRows();
    else stale = true;
  }

  const standingsChanged = E.debounce(() => load().catch(() => { /* the next change or reconnect loads again */ }), 150);

  E.connect({ standingsChanged }, load, E.liveStatus(root));
})();
