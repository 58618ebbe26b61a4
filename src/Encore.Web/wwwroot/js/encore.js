// Encore's one front-end way: this module (window.Encore), loaded by each page before its own script (after
// signalr.min.js on the live pages), and plain page scripts that use it. There is no htmx: the live pages are
// rendered here from the views the JSON API answers and the /hubs/board events carry (a room, a booking, the
// queue, ready to show); fetching a server partial per event instead would add a round trip to every change
// on a busy night. The API decides everything; the scripts only show what it says.
//
// What every page script takes from here, and nowhere else:
//  - the page's data: `page` is the element with data-live-page, whose data-texts (JSON), data-now, data-zone
//    and other data-* attributes are how the server hands its script what it needs; t() the texts, flag() a
//    data-x="true", part() a [data-part];
//  - writes: api() for every request, send() for every write a person starts (one request at a time, and one
//    Idempotency-Key per action, reused after a lost answer), submitOnce()/submit() and decisionButtons() on it;
//  - one money formatter (money, percent) and one set of venue-time formatters (clockText, hhmm, hhmmss,
//    dayTime, dateTime, duration, addDays), all on the venue's clock and zone;
//  - maskPhone(), the server's CustomerRules.Mask to the character, for the one screen that masks on its own;
//  - showModal()/hideModal() for every Bootstrap dialog (they wait out a running fade instead of being ignored);
//  - h() to build elements, connect()/liveStatus() for the hub, the countdowns, and the views several pages
//    share (the catalogue of comps, leave, pings and violations).
(function () {
  'use strict';
  // The layout loads this module again on every signed-in page (for the ping banner, ping-everywhere.js): a page
  // that loaded it already keeps the one it has.
  if (window.Encore) return;

  // ---- the page's data ----

  const page = document.querySelector('[data-live-page]');
  // The layout's own data (data-live-shell: the server's clock, the zone, the banner's texts), for every page,
  // live or not; the page's own data wins where both say something.
  const shell = document.querySelector('[data-live-shell]');
  const data = { ...(shell ? shell.dataset : {}), ...(page ? page.dataset : {}) };
  const texts = { ...JSON.parse((shell && shell.dataset.texts) || '{}'), ...JSON.parse((page && page.dataset.texts) || '{}') };
  // The server's clock may differ from the phone's (or be the simulated training clock): count holds on its time.
  const clockOffset = Number(data.now || Date.now()) - Date.now();
  const zone = data.zone || 'Asia/Shanghai';
  const lang = document.documentElement.lang || 'zh-CN';

  function t(key, ...args) {
    const text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    return text.replace(/\{(\d+)\}/g, (_, i) => (args[i] ?? '').toString());
  }

  /** A yes/no the page hands its script: data-can-desk="true" → flag('canDesk'). */
  const flag = name => data[name] === 'true';
  /**
   * Whether the server offers a move on an item: its view's allowedActions ("cancel", "appeal", "grant"…), computed
   * from the status by the Domain's transition tables. Who may make the move is still the caller's (a flag above).
   */
  const allows = (item, action) => !!item && Array.isArray(item.allowedActions) && item.allowedActions.includes(action);

  /** The [data-part=name] inside scope (the page by default). */
  const part = (name, scope) => (scope || page).querySelector(`[data-part=${name}]`);

  const cap = s => (s ? s[0].toUpperCase() + s.slice(1) : s);
  const statusText = status => t('bookingStatus.' + cap(status));
  const stateText = state => t('roomState.' + cap(state));
  const typeText = type => (type ? t('roomType.' + type) : '');

  // ---- the venue's clock ----

  function serverNow() { return Date.now() + clockOffset; }

  const venueFormat = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });

  /** "2026-11-20T20:30:05" on the venue's clock, of an instant in milliseconds. */
  function venueTime(ms) {
    const p = {};
    for (const { type, value } of venueFormat.formatToParts(new Date(ms))) p[type] = value;
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  }

  /**
   * "2026-11-20T20:30:05" of an API time on the venue's clock. The API writes times with an offset (mostly the
   * venue's own, some stored ones UTC): read in the venue's zone either way. A time without an offset is already
   * the venue's.
   */
  function local(iso) {
    if (!iso) return '';
    if (!/(Z|[+-]\d\d:?\d\d)$/i.test(iso)) return iso;
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? '' : venueTime(ms);
  }

  /** The venue's time of day now (or at ms), HH:mm:ss. */
  function clockText(ms) { return venueTime(ms ?? serverNow()).substring(11, 19); }
  /** "20:30" of an API time. */
  const hhmm = iso => local(iso).substring(11, 16);
  /** "20:30:05" of an API time. */
  const hhmmss = iso => local(iso).substring(11, 19);
  /** "11-20 20:30" of an API time. */
  const dayTime = iso => { const v = local(iso); return v && `${v.substring(5, 10)} ${v.substring(11, 16)}`; };
  /** "2026-11-20 20:30" of an API time. */
  const dateTime = iso => { const v = local(iso); return v && `${v.substring(0, 10)} ${v.substring(11, 16)}`; };

  /** "2026-11-19" of addDays("2026-11-20", -1): business days are dates, not instants. */
  function addDays(day, n) {
    const d = new Date(day + 'T12:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().substring(0, 10);
  }

  /** 5:07 → "05:07", an hour or more "1:05:07". */
  function duration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const hours = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    const two = n => n.toString().padStart(2, '0');
    return hours > 0 ? `${hours}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  }

  // ---- money ----

  const moneyFormat = new Intl.NumberFormat(lang, { minimumFractionDigits: 0, maximumFractionDigits: 2 });

  /** ¥12,800.5 */
  function money(n) { return '¥' + moneyFormat.format(Number(n || 0)); }

  /** 0.1234 → "12.3%" */
  function percent(fraction, digits) { return (Number(fraction || 0) * 100).toFixed(digits ?? 0) + '%'; }

  // ---- phones ----

  /**
   * The server's CustomerRules.Mask, to the character: 138****0001 (the first three and the last four stay, a
   * star for each digit between), shorter numbers keep only the last two, "**" below three. The API and the hub
   * already mask what a caller may not see; only the board masks on its own (see board.js).
   */
  function maskPhone(phone) {
    if (phone === null || phone === undefined) return '';
    const s = String(phone);
    if (s.length >= 9) return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
    return s.length > 2 ? '*'.repeat(s.length - 2) + s.slice(-2) : '**';
  }

  // ---- requests ----

  /** A v4 UUID; crypto.randomUUID exists only in secure contexts, and a venue's LAN may serve plain http. */
  function uuid() {
    if (window.crypto && typeof crypto.randomUUID === 'function') {
      try { return crypto.randomUUID(); } catch { /* not a secure context */ }
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const x = Array.from(b, v => v.toString(16).padStart(2, '0')).join('');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  }

  /**
   * Calls the API with the page's cookie (the API needs no antiforgery token). body is JSON, or FormData for an
   * upload. Resolves to { ok, status, data } or { ok: false, status, problem }: the problem details the API
   * answered, always with a detail to show. Status 0 when no answer came: the write may or may not have
   * happened. Writes go through send(), which gives them their Idempotency-Key.
   */
  async function api(method, url, body, idempotencyKey) {
    const headers = { 'Accept': 'application/json', 'Accept-Language': lang };
    const upload = body instanceof FormData;
    if (body !== undefined && !upload) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['Idempotency-Key'] = idempotencyKey || uuid();
    let response;
    try {
      response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined || upload ? body : JSON.stringify(body) });
    } catch {
      return { ok: false, status: 0, problem: { detail: t('live.networkError') } };
    }
    if (response.status === 401) {
      location.href = '/login?ReturnUrl=' + encodeURIComponent(location.pathname + location.search);
    }
    let answer = null;
    if ((response.headers.get('content-type') || '').includes('json')) {
      try { answer = await response.json(); } catch { answer = null; }
    }
    if (response.ok) return { ok: true, status: response.status, data: answer };
    return { ok: false, status: response.status, problem: answer && answer.detail ? answer : { detail: t('live.failed', response.status) } };
  }

  /**
   * Whether an answer settles the action. Not when none came (status 0), not a 5xx (a proxy's 502 or 504 may
   * hide a write that happened; after the app's own 5xx the server has forgotten the key anyway), and not 409
   * "idempotency.inProgress" (the first try is still running): then the action keeps its key for the retry.
   */
  function settled(result) {
    return result.status > 0 && result.status < 500
      && !/\/problems\/idempotency\.inProgress$/.test((result.problem && result.problem.type) || '');
  }

  /** Drops the keys `state` holds: the next send() is a new action. */
  function forget(state) {
    for (const name of Object.keys(state)) if (name.startsWith('key')) delete state[name];
  }

  /**
   * One write a person starts, the one way every page writes:
   *  - one request at a time: while `state` is busy another tap sends nothing (and resolves to null);
   *  - one Idempotency-Key per action, made on its first try and kept in `state` (as 'key' + act) until a settled
   *    answer: a retry after a lost answer sends the same key, so the server answers with the first result
   *    instead of writing twice. A settled answer drops every key `state` holds (the action is over, and so is
   *    any other it replaced).
   * `state` is a form's dataset (data-busy, data-key, as before) or an object the page keeps for the action.
   * run(key) sends the request with api() and resolves to its result; `buttons` are disabled until then(result)
   * has shown the answer, all within the one request at a time.
   */
  async function send(state, act, run, { buttons = [], then = null } = {}) {
    if (state.busy === 'true') return null;
    state.busy = 'true';
    const name = 'key' + act;
    if (!state[name]) state[name] = uuid();
    const disabled = [...buttons];
    disabled.forEach(b => { b.disabled = true; });
    try {
      const result = await run(state[name]);
      if (settled(result)) forget(state);
      if (then) await then(result);
      return result;
    } finally {
      state.busy = 'false';
      disabled.forEach(b => { b.disabled = false; });
    }
  }

  /** Shows a problem's detail in a box. */
  function showError(box, problem) {
    box.textContent = (problem && problem.detail) || t('live.failed', '?');
    box.hidden = false;
  }

  function clearErrors(scope) {
    scope.querySelectorAll('[data-error-for]').forEach(e => { e.textContent = ''; });
    scope.querySelectorAll('.is-invalid').forEach(e => e.classList.remove('is-invalid'));
    scope.querySelectorAll('[data-part=error]').forEach(e => { e.hidden = true; e.textContent = ''; });
  }

  /** Shows a problem+json: each `errors` field next to its input when the form has one, the rest on top. */
  function showProblem(scope, problem, generalBox) {
    const general = generalBox || scope.querySelector('[data-part=error]');
    const unplaced = [];
    const errors = problem && problem.errors && typeof problem.errors === 'object' ? problem.errors : null;
    if (errors) {
      for (const [field, messages] of Object.entries(errors)) {
        const text = [].concat(messages).join(' ');
        const base = field.split(/[.[]/)[0];
        const slot = scope.querySelector(`[data-error-for="${CSS.escape(field)}"]`) || scope.querySelector(`[data-error-for="${CSS.escape(base)}"]`);
        if (slot && !slot.closest('[hidden]')) {
          slot.textContent = slot.textContent ? slot.textContent + ' ' + text : text;
          const input = scope.querySelector(`[name="${CSS.escape(field)}"]`) || scope.querySelector(`[name="${CSS.escape(base)}"]`);
          if (input) input.classList.add('is-invalid');
        } else {
          unplaced.push(text);
        }
      }
    }
    if (!errors || unplaced.length > 0) {
      const text = errors ? unplaced.join(' ') : (problem && problem.detail) || t('live.failed', '?');
      if (general) { general.textContent = text; general.hidden = false; }
    }
  }

  /**
   * Submits a form once through send(): run(form, key) returns api()'s result; onDone(data, form) after success,
   * else the problem next to the form's fields (the rest in generalBox, or the form's [data-part=error]).
   */
  function submit(form, run, onDone, generalBox) {
    return send(form.dataset, '', key => {
      clearErrors(form);
      if (generalBox) generalBox.hidden = true;
      return run(form, key);
    }, {
      buttons: form.querySelectorAll('button[type=submit]'),
      then: result => (result.ok ? onDone(result.data, form) : showProblem(form, result.problem, generalBox)),
    });
  }

  /** Wires a form's submit to submit(). */
  function submitOnce(form, run, onDone, generalBox) {
    form.addEventListener('submit', event => {
      event.preventDefault();
      submit(form, run, onDone, generalBox);
    });
  }

  /** Forgets a form's pending key: call when the form is opened for a new action. */
  function freshForm(form) {
    forget(form.dataset);
    clearErrors(form);
  }

  /**
   * Decision buttons inside forms: each a send() of its form, one key per intended decision, errors next to the
   * form's fields. Enter in a note does nothing (a deny note must not grant).
   */
  function decisionButtons(list, run) {
    list.addEventListener('submit', event => event.preventDefault());
    list.addEventListener('click', event => {
      const button = event.target.closest('button[data-decision]');
      if (!button || !list.contains(button)) return;
      const form = button.closest('form');
      const decision = button.dataset.decision;
      send(form.dataset, decision, key => {
        clearErrors(form);
        return run(form, decision, key);
      }, {
        buttons: form.querySelectorAll('button'),
        then: result => { if (!result.ok) showProblem(form, result.problem); },
      });
    });
  }

  // ---- elements ----

  /** Element builder: h('div', { class: 'x', dataset: { a: 1 } }, 'text', child). Text is never parsed as HTML. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  /** Calls fn once, `ms` after the last of several calls in a row: several hub events in a row fetch once. */
  function debounce(fn, ms) {
    let timer = null;
    return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // ---- the hub ----

  /**
   * Connects to /hubs/board and keeps reconnecting. After each (re)connect, resync() loads a fresh snapshot;
   * events that arrive while it loads are held and applied after it, in order, so nothing is lost or undone.
   * The first connection of a page is Encore.hub: the layout's ping banner listens on it with also() instead of
   * opening a second socket.
   */
  function connect(handlers, resync, onState) {
    let held = null;
    let live = false;
    const resyncs = [resync];
    const connection = new signalR.HubConnectionBuilder()
      // Straight to a WebSocket, without the negotiate request: behind nginx with several instances (issue 21) the
      // negotiate and the socket could reach two different instances, and the second would not know the connection.
      .withUrl('/hubs/board', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(10000, 500 * 2 ** Math.min(c.previousRetryCount, 5)) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    function on(handlers, notify) {
      for (const [name, handler] of Object.entries(handlers)) {
        connection.on(name, payload => {
          if (held) held.push(() => handler(payload));
          else handler(payload);
          if (notify) onState('event');
        });
      }
    }
    on(handlers, true);

    // The hub sends "joined" once this connection is in its groups; its start (the handshake) completes before that,
    // so a snapshot read at once could miss a change sent while it joined. A server that never sends it: 3 s, then read.
    let joinedSeen = false;
    let onJoined = null;
    connection.on('joined', () => { joinedSeen = true; if (onJoined) onJoined(); });
    function untilJoined() {
      if (joinedSeen) return Promise.resolve();
      return new Promise(resolve => { onJoined = resolve; setTimeout(resolve, 3000); }).finally(() => { onJoined = null; });
    }

    async function sync() {
      held = [];
      for (let attempt = 0; ; attempt++) {
        try {
          await Promise.all(resyncs.map(r => r()));
          break;
        } catch {
          await new Promise(r => setTimeout(r, Math.min(10000, 1000 * (attempt + 1))));
        }
      }
      const queue = held;
      held = null;
      queue.forEach(apply => apply());
      live = true;
      onState('connected');
    }

    async function start() {
      onState('connecting');
      joinedSeen = false;
      try {
        await connection.start();
      } catch {
        onState('offline');
        setTimeout(start, 3000);
        return;
      }
      await untilJoined();
      await sync();
    }
    connection.onreconnecting(() => { live = false; joinedSeen = false; onState('reconnecting'); });
    connection.onreconnected(() => { untilJoined().then(sync); });
    connection.onclose(() => { live = false; onState('offline'); setTimeout(start, 3000); });
    start();
    const hub = {
      connection,
      /** True while events flow: the page's own writes then show through their events, in order with everyone's. */
      get live() { return live; },
      /** After a write while not live: fetch the truth instead of waiting for an event that may not come. */
      catchUp() { if (!live && held === null) resync().catch(() => { /* the next reconnect resyncs */ }); },
      /**
       * More listeners on this connection (the layout's ping banner): their events are held during a resync like
       * the page's, and their own snapshot (more(), which must not throw) is loaded with each resync, now too if
       * the connection is already live.
       */
      also(more, moreResync) {
        on(more, false);
        resyncs.push(moreResync);
        if (live) moreResync();
      },
    };
    if (!shared) shared = hub;
    return hub;
  }
  let shared = null;

  /** Shows the connection state and the time the last update arrived (data-testid=last-update). */
  function liveStatus(root) {
    const state = root.querySelector('[data-part=live-state]');
    const last = root.querySelector('[data-testid=last-update]');
    // What the page shows is as fresh as its load, then as its last snapshot or event: never "none".
    const shown = () => { if (last) last.textContent = clockText(); };
    shown();
    return kind => {
      if (kind === 'event') {
        const at = Date.now();
        if (last) { last.textContent = clockText(at + clockOffset); last.dataset.at = String(at); }
        return;
      }
      if (kind === 'connected') shown();
      root.dataset.live = kind;
      if (state) { state.textContent = t('live.' + kind); state.dataset.state = kind; }
    };
  }

  // ---- countdowns, each second: holds (data-hold-until), pings (data-due), the clock ----

  function countdownText(due) {
    const left = Date.parse(due) - serverNow();
    return left > 0 ? duration(left) : t('ping.overdue');
  }

  function tick() {
    const now = serverNow();
    document.querySelectorAll('[data-hold-until]').forEach(el => {
      const until = Date.parse(el.dataset.holdUntil);
      if (Number.isNaN(until)) return;
      const left = until - now;
      el.textContent = left > 0 ? duration(left) : t('live.holdOver');
      el.classList.toggle('hold-soon', left > 0 && left < 5 * 60 * 1000);
      el.classList.toggle('hold-over', left <= 0);
    });
    document.querySelectorAll('[data-part=countdown][data-due]').forEach(el => {
      const left = Date.parse(el.dataset.due) - now;
      el.textContent = countdownText(el.dataset.due);
      el.classList.toggle('due-soon', left > 0 && left < 60 * 1000);
      el.classList.toggle('due-over', left <= 0);
    });
    document.querySelectorAll('[data-part=clock]').forEach(el => { el.textContent = clockText(); });
  }
  setInterval(tick, 1000);

  /** Copies text; where the Clipboard API is missing (plain http) selects the text and tries the old way. */
  async function copyText(text, field) {
    if (navigator.clipboard && window.isSecureContext) {
      try { await navigator.clipboard.writeText(text); return true; } catch { /* fall through */ }
    }
    if (field) {
      field.focus();
      field.select();
      field.setSelectionRange(0, field.value.length);
      try { if (document.execCommand('copy')) return true; } catch { /* selected for the user to copy */ }
    }
    return false;
  }

  // ---- comps from the venue's catalogue (the board's bill, approvals) ----

  let catalogue = null;
  /** The active catalogue items (GET /api/catalogue), loaded once per page. */
  async function loadCatalogue() {
    if (catalogue) return catalogue;
    const answer = await api('GET', '/api/catalogue');
    if (!answer.ok) throw new Error('catalogue');
    catalogue = answer.data.filter(c => c.active);
    return catalogue;
  }

  function itemLabel(c) { return `${c.name} · ${money(c.price)}`; }

  /** Fills a <select> (or a <datalist>) with the catalogue, grouped by category. */
  function fillCatalogue(list, items, placeholder) {
    if (list.tagName === 'DATALIST') {
      list.replaceChildren(...items.map(c => h('option', { value: c.name }, itemLabel(c))));
      return;
    }
    const groups = new Map();
    for (const c of items) {
      if (!groups.has(c.category)) groups.set(c.category, []);
      groups.get(c.category).push(c);
    }
    list.replaceChildren(
      ...(placeholder ? [h('option', { value: '' }, placeholder)] : []),
      ...[...groups].map(([category, group]) => h('optgroup', { label: category || '—' }, group.map(c => h('option', { value: c.name }, itemLabel(c))))));
  }

  /** When a comp row's item changes to a catalogue name and its value is empty, the value becomes the price. */
  function prefillPrice(row, items) {
    const item = row.querySelector('[name=item]');
    const value = row.querySelector('[name=value]');
    const found = items.find(c => c.name === item.value.trim());
    if (found && value.value === '') value.value = String(found.price);
  }

  /** The comp rows of a form as the API takes them. */
  function compsOf(form) {
    return [...form.querySelectorAll('[data-comp]')].map(row => {
      const item = row.querySelector('[name=item]').value.trim();
      const value = row.querySelector('[name=value]').value;
      return { item: item || null, value: value === '' ? null : Number(value) };
    });
  }

  // ---- leave, pings and violations, shown the same way on the attendance and fines pages ----

  const chip = (text, tone, name) => h('span', { class: `badge rounded-pill text-bg-${tone} state-chip`, dataset: name ? { flag: name } : null }, text);

  const leaveKindText = kind => t('leave.kind.' + kind);
  const leaveStatusBadge = status => h('span', { class: `badge leave-status status-${status}`, dataset: { part: 'status' } }, t('leave.status.' + status));
  /** "11-20 19:00–21:00": the night and the times; a leave of a day or more shows both dates. */
  function leaveWhen(l) {
    const short = Date.parse(l.to) - Date.parse(l.from) < 24 * 3600 * 1000;
    return short ? `${l.businessDay.substring(5)} ${hhmm(l.from)}–${hhmm(l.to)}` : `${dayTime(l.from)} – ${dayTime(l.to)}`;
  }
  function leaveDecision(l) {
    if (l.status === 'pending') return null;
    return h('div', { class: 'small text-muted', dataset: { part: 'decision' } },
      l.decidedBy ? t('leave.decidedBy', l.decidedBy, dayTime(l.decidedAt)) : '', l.decisionNote ? ` · ${l.decisionNote}` : '');
  }

  const answeredInTime = p => !!p.answeredAt && Date.parse(p.answeredAt) <= Date.parse(p.dueAt);

  /** A ping's state: answered (in time or not), off post, or the time left to answer, counting down. */
  function pingState(p) {
    if (p.answeredAt) {
      const inTime = answeredInTime(p);
      return h('span', { dataset: { part: 'ping-state' } }, t('ping.answeredAt', hhmm(p.answeredAt)), ' ',
        inTime ? chip(t('ping.inTime'), 'success', 'in-time') : chip(t('ping.lateAnswer'), 'danger', 'late-answer'),
        p.offPost ? [' ', chip(t('ping.offPost'), 'danger', 'off-post')] : null);
    }
    if (p.offPost) return h('span', { dataset: { part: 'ping-state' } }, chip(t('ping.offPost'), 'danger', 'off-post'));
    return h('span', { dataset: { part: 'ping-state' } }, t('ping.waiting'), ' ',
      h('span', { class: 'ping-countdown', dataset: { due: p.dueAt, part: 'countdown', testid: 'ping-countdown' } }, countdownText(p.dueAt)));
  }

  /** An open ping as a banner: who asked, the countdown to its due time, the answer button (wired by answerPings). */
  function pingBanner(p, ...more) {
    return h('div', { class: 'alert alert-danger ping-alert mb-2', role: 'alert', dataset: { ping: p.id } },
      h('div', { class: 'd-flex flex-wrap align-items-baseline gap-2' },
        h('strong', null, t('ping.by', p.sentBy)), h('span', { class: 'small' }, hhmm(p.sentAt)),
        h('span', { class: 'ms-auto ping-countdown display-6', dataset: { due: p.dueAt, part: 'countdown', testid: 'ping-countdown' } }, countdownText(p.dueAt))),
      p.message ? h('div', { class: 'ping-message' }, p.message) : null,
      h('div', { class: 'small mb-2' }, t('ping.answerBy', hhmm(p.dueAt))),
      h('div', { class: 'alert alert-light py-1 px-2 small mb-2', dataset: { part: 'error' }, hidden: true }),
      h('button', { type: 'button', class: 'btn btn-light btn-lg w-100 fw-bold', dataset: { act: 'answer', testid: 'answer' } }, t('ping.answer')),
      more);
  }

  /** Answers the pings of the banners inside box (POST /api/pings/{id}/answer, one key per ping); answered(id, answer) after. */
  function answerPings(box, answered) {
    const states = {}; // ping id -> its answer's send() state
    box.addEventListener('click', event => {
      const button = event.target.closest('button[data-act=answer]');
      if (!button || button.disabled) return;
      const banner = button.closest('[data-ping]');
      const id = banner.dataset.ping;
      const error = part('error', banner);
      send(states[id] ??= {}, '', key => {
        error.hidden = true;
        return api('POST', `/api/pings/${id}/answer`, {}, key);
      }, {
        buttons: [button],
        then: result => (result.ok ? answered(id, result.data) : showError(error, result.problem)),
      });
    });
  }

  const violationStatusBadge = status => h('span', { class: `badge fine-status status-${status}`, dataset: { part: 'status' } }, t('fines.status.' + status));

  // ---- 24-hour time inputs ----

  // Chromium shows <input type=time> in a Chinese browser as 上午/下午 and 12 hours (issue 13), where the
  // venue speaks of 21:30 and 01:30. A time field is therefore a text field marked data-time24: a digit keypad,
  // "2130" becomes "21:30" as it is typed, a full-width colon "21：30" is read as ":", and on leaving the field
  // "930" or "9:30" is written out as "09:30". What cannot be read stays as typed: the API names the field.
  const twoDigits = n => String(n).padStart(2, '0');
  function time24(raw, committing) {
    const text = raw.trim().replace(/[：.．\s]/g, ':');
    const parts = /^(\d{1,2}):(\d{0,2})$/.exec(text);
    if (parts) {
      return committing && parts[2] !== '' && Number(parts[1]) < 24 && Number(parts[2]) < 60
        ? `${twoDigits(parts[1])}:${twoDigits(parts[2])}` : text;
    }
    if (!/^\d{1,4}$/.test(text)) return text;
    // Digits alone: the hour is the first two when they can be one ("213" → "21:3"), else the first ("930" → "9:30").
    if (text.length === 4 || (text.length === 3 && Number(text.slice(0, 2)) < 24)) return time24(`${text.slice(0, 2)}:${text.slice(2)}`, committing);
    if (text.length === 3) return time24(`${text[0]}:${text.slice(1)}`, committing);
    return committing && Number(text) < 24 ? `${twoDigits(text)}:00` : text;
  }
  document.querySelectorAll('input[data-time24]').forEach(input => {
    Object.assign(input, { type: 'text', inputMode: 'numeric', maxLength: 5, autocomplete: 'off', placeholder: input.placeholder || '21:30' });
    input.pattern = '([01][0-9]|2[0-3]):[0-5][0-9]';
    input.addEventListener('input', () => { const v = time24(input.value, false); if (v !== input.value) input.value = v; });
    input.addEventListener('change', () => { input.value = time24(input.value, true); });
  });

  // ---- dialogs ----

  /**
   * Bootstrap ignores hide() while a modal's opening transition runs, and show() while its closing one runs. A move
   * answered faster than the fade (the write path answers in a few milliseconds) left its dialog open with nothing
   * to do in it. These wait for the transition instead: the last request wins once it has ended.
   */
  const modalWish = new WeakMap();
  function modalOf(element) {
    if (!modalWish.has(element)) {
      modalWish.set(element, { moving: false, wish: null });
      const settle = () => {
        const state = modalWish.get(element);
        state.moving = false;
        // Open and still: what a click may land on no longer moves (the browser tests wait for it before clicking in it).
        if (element.classList.contains('show')) element.dataset.shown = 'true';
        const wish = state.wish;
        state.wish = null;
        const shown = element.classList.contains('show');
        if (wish === 'hide' && shown) hideModal(element);
        else if (wish === 'show' && !shown) showModal(element);
      };
      element.addEventListener('show.bs.modal', () => { modalWish.get(element).moving = true; });
      element.addEventListener('hide.bs.modal', () => { modalWish.get(element).moving = true; delete element.dataset.shown; });
      element.addEventListener('shown.bs.modal', settle);
      element.addEventListener('hidden.bs.modal', settle);
    }
    return modalWish.get(element);
  }
  function showModal(element) {
    const state = modalOf(element);
    if (state.moving) state.wish = 'show';
    else bootstrap.Modal.getOrCreateInstance(element).show();
  }
  function hideModal(element) {
    const state = modalOf(element);
    if (state.moving) state.wish = 'hide';
    else bootstrap.Modal.getOrCreateInstance(element).hide();
  }

  /**
   * A monthly page's month form (standings, rankings): the month comes from ?month= or the form, and each submit keeps
   * the chosen month in the address (a reload or a shared link shows the same month) and hands it to onMonth.
   */
  function monthForm(form, onMonth) {
    let month = new URLSearchParams(location.search).get('month') || form.elements.month.value;
    form.elements.month.value = month;
    form.addEventListener('submit', event => {
      event.preventDefault();
      month = form.elements.month.value || month;
      const url = new URL(location.href);
      url.searchParams.set('month', month);
      history.replaceState(null, '', url);
      onMonth(month);
    });
    return month;
  }

  window.Encore = {
    // Who is looking and tonight's business day, as the page hands them over (data-me, data-business-day).
    me: page ? page.dataset.me || '' : '', today: page ? page.dataset.businessDay : undefined,
    page, t, flag, allows, part, statusText, stateText, typeText,
    serverNow, clockText, hhmm, hhmmss, dayTime, dateTime, addDays, duration, money, percent, maskPhone,
    uuid, api, send, forget, showError, clearErrors, showProblem, submit, submitOnce, freshForm, decisionButtons,
    h, debounce, connect, liveStatus, tick, copyText, showModal, hideModal, monthForm,
    /** The page's hub connection (the first connect()), or null on a page without one. */
    get hub() { return shared; },
    loadCatalogue, fillCatalogue, prefillPrice, compsOf,
    discipline: { chip, leaveKindText, leaveStatusBadge, leaveWhen, leaveDecision, pingState, pingBanner, answerPings, answeredInTime, violationStatusBadge },
  };
})();
