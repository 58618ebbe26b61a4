// The walk-in rotation (/rotation): tonight's queue in the order the next walk-ins go, live on "rotationChanged";
// a manager's own place, sign-in and busy/available; and, for the floor and the desk, the replay of a night from
// GET /api/rotation/history (who got which room, who was skipped and why, and the queue as it stood).
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root, today, me } = E;
  const isManager = E.flag('manager');
  const canReplay = E.flag('canReplay');
  const queueList = root.querySelector('[data-part=queue]');
  const queueEmpty = root.querySelector('[data-part=empty]');
  const queueCount = root.querySelector('[data-part=count]');
  const mine = root.querySelector('[data-part=mine]');
  const myCard = root.querySelector('[data-testid=my-place]');
  let queue = [];

  const reasonText = reason => (reason ? t('rotation.reason.' + reason) : '');
  // Why one is passed by, and until when: busy (until marked available), late without a call-in (tonight), suspended.
  const skippedHint = reason => (reason === 'lateNoCallIn' || reason === 'suspended' ? t('rotation.skippedHint.' + reason) : t('rotation.skippedHint'));

  function renderQueue() {
    queueList.replaceChildren(...queue.map(q =>
      h('li', { class: `rotation-item${q.available ? '' : ' unavailable'}${q.badge === me ? ' mine' : ''}`, dataset: { badge: q.badge, available: String(q.available), position: String(q.position) } },
        h('span', { class: 'rotation-position' }, String(q.position)),
        h('span', { class: 'fw-semibold' }, q.name),
        h('span', { class: 'small text-muted' }, q.badge),
        h('span', { class: `badge ms-auto ${q.available ? 'text-bg-success' : 'text-bg-warning'}`, dataset: { part: 'state' } },
          q.available ? t('rotation.available') : reasonText(q.reason)))));
    queueEmpty.hidden = queue.length > 0;
    queueCount.textContent = String(queue.length);
    renderMine();
  }

  function renderMine() {
    if (!isManager) return;
    const place = queue.find(q => q.badge === me);
    const show = (act, visible) => { myCard.querySelector(`[data-act=${act}]`).hidden = !visible; };
    show('sign-in', !place);
    show('busy', !!place && place.available);
    show('available', !!place && !place.available && place.reason === 'busy');
    myCard.dataset.position = place ? String(place.position) : '';
    myCard.dataset.available = place ? String(place.available) : '';
    mine.replaceChildren(place
      ? h('div', null,
        h('span', { class: 'display-6 fw-bold me-2', dataset: { testid: 'my-position' } }, String(place.position)),
        t('rotation.myPlace', place.position, queue.length), ' ',
        h('span', { class: `badge ${place.available ? 'text-bg-success' : 'text-bg-warning'}` }, place.available ? t('rotation.available') : reasonText(place.reason)),
        h('div', { class: 'small text-muted', dataset: { part: 'hint' } }, place.available ? t('rotation.nextHint', queue.filter(q => q.available && q.position < place.position).length) : skippedHint(place.reason)))
      : h('div', null, t('rotation.notSignedIn')));
  }

  function rotationChanged(list) {
    queue = list;
    renderQueue();
    if (canReplay && replayDay === today) loadHistory().catch(() => { /* shown on the next try */ });
  }

  // ---- a manager's moves: sign in, busy, available ----

  if (isManager) {
    const general = E.part('error', myCard);
    // One move at a time; a move's key is kept until a settled answer, so tapping it again after a lost answer
    // is the same request, answered with the first result, not a second move.
    const moves = {};
    myCard.addEventListener('click', event => {
      const button = event.target.closest('[data-act]');
      if (!button) return;
      const act = button.dataset.act;
      E.send(moves, act, key => {
        general.hidden = true;
        return act === 'sign-in'
          ? E.api('POST', '/api/attendance/sign-in', {}, key)
          : E.api('POST', '/api/rotation/busy', { busy: act === 'busy' }, key);
      }, {
        buttons: [button],
        then: result => {
          if (!result.ok) { E.showError(general, result.problem); return; }
          if (act === 'sign-in' && result.data && result.data.late) { general.textContent = t('rotation.late'); general.hidden = false; }
          hub.catchUp();
        },
      });
    });
  }

  // ---- the replay of a night ----

  const replayForm = root.querySelector('form[data-form=replay]');
  const historyList = root.querySelector('[data-part=history]');
  const historyEmpty = root.querySelector('[data-part=history-empty]');
  const historyBox = root.querySelector('[data-part=history-box]');
  let replayDay = today;

  function eventLine(e) {
    const names = new Map(queue.map(q => [q.badge, q.name]));
    const who = names.has(e.badge) ? `${names.get(e.badge)} ${e.badge}` : e.badge;
    const order = e.queue ? e.queue.split(',').filter(Boolean) : [];
    return h('li', { class: `rotation-event kind-${e.kind}`, dataset: { kind: e.kind, badge: e.badge, room: e.roomNumber || '' } },
      h('span', { class: 'rotation-time' }, E.hhmm(e.at)),
      h('div', { class: 'flex-grow-1' },
        h('div', null,
          h('span', { class: `badge kind-badge kind-${e.kind} me-1` }, t('rotation.kind.' + e.kind)),
          e.kind === 'nobodyAvailable' ? null : h('strong', null, who),
          e.roomNumber ? h('span', null, ' · ', t('rotation.room', e.roomNumber)) : null,
          e.reason ? h('span', { class: 'text-muted' }, ' · ', reasonText(e.reason)) : null),
        order.length > 0
          ? h('div', { class: 'small text-muted rotation-snapshot' }, t('rotation.queueThen'), ' ',
            order.map((b, i) => h('span', { class: b === e.badge ? 'fw-semibold text-body' : '' }, (i > 0 ? ' → ' : '') + b)))
          : null));
  }

  /**
   * The moves of one walk-in (the skips and the pick) share one instant and arrive in no particular order among
   * themselves; they happened in the order of the queue they were recorded with, so show them in that order.
   */
  function inQueueOrder(events) {
    const list = events.slice();
    for (let i = 0; i < list.length;) {
      let j = i + 1;
      const e = list[i];
      while (j < list.length && e.roomNumber && list[j].at === e.at && list[j].roomNumber === e.roomNumber && list[j].queue === e.queue) j++;
      if (j - i > 1) {
        const order = (e.queue || '').split(',');
        const group = list.slice(i, j).sort((a, b) => order.indexOf(a.badge) - order.indexOf(b.badge));
        list.splice(i, j - i, ...group);
      }
      i = j;
    }
    return list;
  }

  async function loadHistory() {
    const day = replayDay;
    const answer = await E.api('GET', '/api/rotation/history?businessDay=' + encodeURIComponent(day));
    if (!answer.ok) throw answer.problem;
    if (day !== replayDay) return;
    historyList.replaceChildren(...inQueueOrder(answer.data).map(eventLine));
    historyEmpty.hidden = answer.data.length > 0;
    historyList.dataset.day = day;
    // Tonight's replay follows the night: its latest moves in view.
    if (day === today) historyBox.scrollTop = historyBox.scrollHeight;
  }

  if (canReplay) {
    const general = replayForm.closest('.card').querySelector('[data-part=error]');
    replayForm.addEventListener('submit', async event => {
      event.preventDefault();
      E.clearErrors(replayForm);
      general.hidden = true;
      replayDay = replayForm.elements.businessDay.value || today;
      try {
        await loadHistory();
      } catch (problem) {
        E.showProblem(replayForm, problem, general);
      }
    });
  }

  // ---- live ----

  async function resync() {
    const answer = await E.api('GET', '/api/rotation');
    if (!answer.ok) throw new Error('snapshot');
    queue = answer.data;
    renderQueue();
    if (canReplay) await loadHistory().catch(() => { /* the form shows the next error */ });
  }

  const hub = E.connect({ rotationChanged }, resync, E.liveStatus(root));
})();
