// The rankings board (/rankings): the month's best and worst managers, venue-wide and per team, the points table and
// its chart, the commendations (given here by the floor, the GM and department heads) and the year's star manager.
// Everyone sees names and places; figures come only for the rows the API lets the reader see (`figures: true`).
// Fetched again on "rankingsChanged" (a commendation, an appraisal published or decided) and "standingsChanged".
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const me = (root.dataset.me || '').toLowerCase();
  const canCommend = E.flag('canCommend');
  const monthForm = root.querySelector('form[data-form=month]');
  const general = root.querySelector(':scope > [data-part=error]');
  const commendForm = E.part('commend');
  const canvas = E.part('chart');
  let month = E.monthForm(monthForm, chosen => {
    month = chosen;
    load().catch(showError);
  });

  const nameOf = r => `${r.name}（${r.badge}）`;
  const place = p => h('span', { class: `place place-${p ?? 'none'}` }, p ? `${p}` : '—');
  const figure = (r, v) => (r.figures && v !== null && v !== undefined ? String(v) : '·');

  function person(r) {
    return h('li', { class: `mb-1${r.badge.toLowerCase() === me ? ' fw-semibold' : ''}`, dataset: { badge: r.badge, place: String(r.place ?? '') } },
      place(r.place), ' ', nameOf(r), h('span', { class: 'text-muted small' }, ` · ${r.department || '—'}`),
      r.figures ? h('span', { class: 'ms-1 small', dataset: { part: 'score' } }, `${t('rankings.score')} ${r.score ?? '—'} · ${t('rankings.points')} ${r.points}`) : null);
  }

  function team(x) {
    return h('div', { class: 'col-12 col-md-6 col-xl-4', dataset: { team: x.department } },
      h('div', { class: 'border rounded p-2 h-100' }, h('div', { class: 'fw-semibold' }, x.department || '—'),
        h('div', { class: 'small' }, t('rankings.teamBest'), ' ', x.best.map(r => nameOf(r)).join('、') || '—'),
        h('div', { class: 'small' }, t('rankings.teamWorst'), ' ', x.worst.map(r => nameOf(r)).join('、') || '—')));
  }

  function pointsRow(r) {
    return h('tr', { class: r.badge.toLowerCase() === me ? 'table-primary' : '', dataset: { badge: r.badge, points: r.figures ? String(r.points) : '' } },
      h('td', null, place(r.place)),
      h('td', null, nameOf(r), h('div', { class: 'small text-muted' }, r.department || '—')),
      h('td', { class: 'text-end' }, figure(r, r.score)),
      h('td', { class: 'text-end d-none d-md-table-cell' }, figure(r, r.placePoints)),
      h('td', { class: 'text-end d-none d-md-table-cell' }, figure(r, r.complaints)),
      h('td', { class: 'text-end d-none d-md-table-cell' }, figure(r, r.fines)),
      h('td', { class: 'text-end d-none d-md-table-cell' }, figure(r, r.commendations)),
      h('td', { class: 'text-end fw-semibold', dataset: { part: 'points' } }, figure(r, r.points)));
  }

  let chart = null;
  function renderChart(rows) {
    const shown = rows.filter(r => r.figures);
    const card = E.part('chart-card');
    // A chart of one bar says nothing a table row does not: it shows when the reader sees several people's points.
    card.hidden = shown.length < 2;
    canvas.dataset.people = String(shown.length);
    if (card.hidden || typeof Chart === 'undefined') return;
    canvas.parentElement.style.height = `${Math.max(220, shown.length * 30 + 60)}px`;
    const data = {
      labels: shown.map(r => r.name),
      datasets: [{ label: t('rankings.points'), data: shown.map(r => r.points), backgroundColor: shown.map(r => (r.points >= 0 ? '#198754' : '#dc3545')) }],
    };
    if (chart) { chart.data = data; chart.update(); return; }
    chart = new Chart(canvas, { type: 'bar', data, options: { indexAxis: 'y', maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } } });
  }

  function commendation(c) {
    const li = h('li', { class: 'mb-1', dataset: { commendation: c.id, withdrawn: String(!!c.withdrawnAt) } },
      h('span', { class: 'fw-semibold' }, nameOf(c)), ` · ${c.businessDay} · `, h('span', { class: 'reason' }, c.reason),
      h('span', { class: 'text-muted' }, ` — ${c.givenByName}`),
      c.withdrawnAt ? h('div', { class: 'text-muted' }, t('rankings.withdrawnBecause', c.withdrawReason)) : null);
    if (c.canWithdraw) {
      const state = {};
      const button = h('button', { type: 'button', class: 'btn btn-link btn-sm p-0 ms-1', 'data-testid': 'withdraw-commendation' }, t('rankings.withdraw'));
      button.addEventListener('click', () => {
        const reason = window.prompt(t('rankings.withdrawReason'));
        if (!reason) return;
        E.send(state, 'withdraw', key => E.api('POST', `/api/commendations/${c.id}/withdraw`, { reason }, key),
          { buttons: [button], then: r => (r.ok ? load() : E.showError(general, r.problem)) });
      });
      li.append(button);
    }
    return li;
  }

  function renderStar(s) {
    E.part('star-year').textContent = s.final ? String(s.year) : t('rankings.soFar', s.year, s.throughMonth);
    E.part('star').replaceChildren(...(s.star.length ? s.star.map(r => h('div', { dataset: { badge: r.badge } }, '★ ', nameOf(r))) : [h('span', { class: 'text-muted small' }, t('rankings.noStar'))]));
    E.part('star-table').replaceChildren(...s.table.slice(0, 10).map(r => h('li', { value: String(r.place), dataset: { badge: r.badge } },
      nameOf(r), r.figures ? ` · ${r.points}` : '')));
  }

  async function load() {
    const asked = month;
    const [ranking, star, praise] = await Promise.all([
      E.api('GET', '/api/rankings?month=' + encodeURIComponent(asked)),
      E.api('GET', '/api/rankings/star?year=' + asked.substring(0, 4)),
      E.api('GET', '/api/commendations?month=' + encodeURIComponent(asked)),
    ]);
    for (const answer of [ranking, star, praise]) if (!answer.ok) throw answer.problem;
    if (asked !== month) return;
    general.hidden = true;
    const r = ranking.data;
    root.dataset.month = month;
    root.dataset.basis = r.basis;
    E.part('basis').textContent = t('rankings.basis.' + r.basis);
    E.part('best').replaceChildren(...(r.best.length ? r.best.map(person) : [h('li', { class: 'text-muted small' }, t('rankings.none'))]));
    E.part('worst').replaceChildren(...(r.worst.length ? r.worst.map(person) : [h('li', { class: 'text-muted small' }, t('rankings.none'))]));
    E.part('teams').replaceChildren(...r.teams.map(team));
    E.part('points').replaceChildren(...r.points.map(pointsRow));
    renderChart(r.points);
    renderStar(star.data);
    E.part('commendations').replaceChildren(...(praise.data.length ? praise.data.map(commendation) : [h('li', { class: 'text-muted' }, t('rankings.noCommendations'))]));
    if (commendForm) {
      const select = commendForm.elements.badge;
      const chosen = select.value;
      select.replaceChildren(h('option', { value: '' }, t('rankings.choose')),
        ...r.points.filter(p => p.badge.toLowerCase() !== me).map(p => h('option', { value: p.badge }, nameOf(p))));
      select.value = chosen;
    }
  }

  const showError = problem => E.showError(general, problem);

  if (canCommend && commendForm) {
    E.submitOnce(commendForm, (f, key) => E.api('POST', '/api/commendations', {
      badge: f.elements.badge.value, reason: f.elements.reason.value, businessDay: f.elements.businessDay.value,
    }, key), () => { commendForm.elements.reason.value = ''; load().catch(showError); });
  }

  const changed = E.debounce(() => load().catch(() => { /* the next change or reconnect loads again */ }), 150);
  E.connect({ rankingsChanged: changed, standingsChanged: changed }, load, E.liveStatus(root));
})();
