// A manager's weekly or monthly work report, /diary/report (SPEC.md "Weekly work report per manager, pre-filled
// from diaries and figures, commented by the department head"): the period's figures, the diary notes, the
// manager's summary and plan, comments; printed with a signature line. The API measures and decides.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const keeps = E.flag('keeps');
  const reads = E.flag('reads');
  const pageError = root.querySelector(':scope > [data-part=error]');
  const periodSelect = E.part('period');
  const startInput = E.part('start');
  const who = E.part('who');
  const card = E.part('report');

  const monday = day => E.addDays(day, -((new Date(day + 'T12:00:00Z').getUTCDay() + 6) % 7));
  /** The period's start as the API takes it: the week's Monday, or the month "2026-11". */
  function start() {
    const day = startInput.value || E.today;
    return periodSelect.value === 'week' ? monday(day) : day.substring(0, 7);
  }
  startInput.value = monday(E.today);

  function figuresTable(f) {
    const rows = [
      ['spend', E.money(f.spend) + (f.targetSpend != null ? ' / ' + E.money(f.targetSpend) : '')],
      ['rooms', f.rooms + (f.targetRooms != null ? ' / ' + f.targetRooms : '')],
      ['newCustomers', f.newCustomers], ['contacts', f.contacts], ['complaints', f.complaints],
      ['fines', `${f.fines} · ${E.money(f.finesAmount)}`], ['diaries', t('diary.report.diariesValue', f.diariesSubmitted, f.diariesOwed, f.diariesLate)],
    ];
    return h('table', { class: 'table table-sm diary-figures', 'data-testid': 'report-figures' },
      h('tbody', null, rows.map(([key, value]) => h('tr', { dataset: { figure: key } }, h('th', { scope: 'row' }, t('diary.report.' + key)), h('td', null, String(value))))));
  }

  function render(r) {
    const parts = [
      h('div', { class: 'd-flex flex-wrap gap-2 align-items-baseline mb-2' }, h('h2', { class: 'h5 mb-0' }, `${r.name} (${r.badge})`),
        h('span', { class: 'text-muted' }, `${r.department} · ${r.start} – ${r.end}`),
        h('span', { class: 'badge text-bg-' + (r.submitted ? 'success' : 'secondary') }, t(r.submitted ? 'diary.status.submitted' : 'diary.status.draft'))),
      figuresTable(r.figures),
      h('h3', { class: 'h6' }, t('diary.report.notes')),
      r.diaryNotes.length ? h('ul', { class: 'list-unstyled small diary-lines' }, r.diaryNotes.map(n => h('li', null, h('span', { class: 'fw-semibold' }, n.businessDay.substring(5)), ' ',
        n.feedback, n.events ? h('div', { class: 'text-muted' }, n.events) : null))) : h('div', { class: 'text-muted small mb-2' }, t('diary.none')),
    ];
    if (r.mine && !r.submitted) {
      const form = h('form', { class: 'mb-3 no-print', novalidate: true, 'data-testid': 'report-form' },
        h('div', { class: 'alert alert-danger py-2', dataset: { part: 'error' }, hidden: true }),
        h('label', { class: 'form-label small mb-0' }, t('field.summary')), h('textarea', { class: 'form-control mb-1', name: 'summary', rows: 3, maxlength: 2000 }),
        h('div', { class: 'field-error', dataset: { errorFor: 'summary' } }),
        h('label', { class: 'form-label small mb-0' }, t('field.plan')), h('textarea', { class: 'form-control mb-1', name: 'plan', rows: 3, maxlength: 2000 }),
        h('div', { class: 'field-error', dataset: { errorFor: 'plan' } }),
        h('div', { class: 'd-flex gap-2' }, h('button', { type: 'submit', class: 'btn btn-outline-primary flex-fill' }, t('diary.save')),
          h('button', { type: 'button', class: 'btn btn-primary flex-fill', dataset: { act: 'submit' } }, t('diary.submit'))));
      form.elements.summary.value = r.summary;
      form.elements.plan.value = r.plan;
      const words = () => ({ summary: form.elements.summary.value, plan: form.elements.plan.value });
      const url = `/api/work-reports/${r.period}/${start()}`;
      E.submitOnce(form, (f, key) => E.api('PUT', url, words(), key), render);
      form.querySelector('[data-act=submit]').addEventListener('click', () => E.send(form.dataset, 'submit', async key => {
        E.clearErrors(form);
        const saved = await E.api('PUT', url, words(), key + '-words');
        return saved.ok ? E.api('POST', url + '/submit', undefined, key) : saved;
      }, { buttons: form.querySelectorAll('button'), then: result => (result.ok ? render(result.data) : E.showProblem(form, result.problem)) }));
      parts.push(form);
    } else {
      parts.push(h('h3', { class: 'h6' }, t('field.summary')), h('p', { class: 'diary-text' }, r.summary || t('diary.none')),
        h('h3', { class: 'h6' }, t('field.plan')), h('p', { class: 'diary-text' }, r.plan || t('diary.none')));
    }
    parts.push(h('h3', { class: 'h6' }, t('diary.comments')), h('ul', { class: 'list-unstyled small' }, r.comments.map(c =>
      h('li', { class: 'diary-comment' }, h('span', { class: 'fw-semibold' }, `${c.name} (${c.by})`), ' ', E.dateTime(c.at), h('div', { class: 'diary-text' }, c.text)))));
    if (!r.mine && reads) {
      const form = h('form', { class: 'd-flex flex-column gap-1 no-print', novalidate: true },
        h('div', { class: 'alert alert-danger py-2', dataset: { part: 'error' }, hidden: true }),
        h('textarea', { class: 'form-control form-control-sm', name: 'text', rows: 2, maxlength: 1000, 'aria-label': t('diary.comments') }),
        h('div', { class: 'field-error', dataset: { errorFor: 'text' } }),
        h('button', { type: 'submit', class: 'btn btn-sm btn-primary align-self-end' }, t('diary.comment')));
      E.submitOnce(form, (f, key) => E.api('POST', `/api/work-reports/${r.period}/${start()}/comments?badge=${encodeURIComponent(r.badge)}`, { text: f.elements.text.value }, key), render);
      parts.push(form);
    }
    parts.push(h('div', { class: 'report-signature' }, t('diary.report.signature')));
    card.replaceChildren(...parts);
    card.hidden = false;
  }

  async function load() {
    const badge = who && who.value ? who.value : '';
    if (!badge && !keeps) { card.hidden = true; return; }
    const result = await E.api('GET', `/api/work-reports/${periodSelect.value}/${start()}` + (badge ? `?badge=${encodeURIComponent(badge)}` : ''));
    if (!result.ok) { E.showError(pageError, result.problem); card.hidden = true; return; }
    pageError.hidden = true;
    render(result.data);
  }

  /** The people a head, the floor or the GM may open, from the list of the period. */
  async function loadPeople() {
    if (!who) return;
    const result = await E.api('GET', `/api/work-reports?period=${periodSelect.value}&start=${start()}`);
    if (!result.ok) return;
    const chosen = who.value;
    who.replaceChildren(...(keeps ? [h('option', { value: '' }, t('diary.report.mine'))] : []),
      ...result.data.map(p => h('option', { value: p.badge }, `${p.badge} ${p.name}` + (p.submitted ? ' ✓' : ''))));
    if (chosen) who.value = chosen;
  }

  periodSelect.addEventListener('change', () => loadPeople().then(load));
  startInput.addEventListener('change', () => loadPeople().then(load));
  if (who) who.addEventListener('change', load);
  E.part('print').addEventListener('click', () => window.print());
  loadPeople().then(load);
})();
