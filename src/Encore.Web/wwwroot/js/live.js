// What the live pages (board.js, bookings.js) share: the JSON API with an Idempotency-Key on every write,
// the /hubs/board connection that resynchronises after every (re)connect, texts, venue times and countdowns.
// The API decides everything; these scripts only show what it says.
(function () {
  'use strict';

  const page = document.querySelector('[data-live-page]');
  const texts = JSON.parse(page.dataset.texts || '{}');
  // The server's clock may differ from the phone's (or be the simulated training clock): count holds on its time.
  const clockOffset = Number(page.dataset.now || Date.now()) - Date.now();
  const zone = page.dataset.zone || 'Asia/Shanghai';
  const lang = document.documentElement.lang || 'zh-CN';

  function t(key, ...args) {
    const text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    return text.replace(/\{(\d+)\}/g, (_, i) => (args[i] ?? '').toString());
  }

  const cap = s => (s ? s[0].toUpperCase() + s.slice(1) : s);
  const statusText = status => t('bookingStatus.' + cap(status));
  const stateText = state => t('roomState.' + cap(state));
  const typeText = type => (type ? t('roomType.' + type) : '');

  function serverNow() { return Date.now() + clockOffset; }

  const clockFormat = new Intl.DateTimeFormat(lang, { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  /** The venue's time of day now, HH:mm:ss. */
  function clockText(ms) { return clockFormat.format(new Date(ms ?? serverNow())); }

  /** "20:30" of an API time: the API writes times with the venue's offset, so the local part is the venue's. */
  function hhmm(iso) { return iso ? iso.substring(11, 16) : ''; }

  function duration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    const two = n => n.toString().padStart(2, '0');
    return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  }

  /** 138****1234: the desk screen shows guests' phones masked (SPEC.md: only the manager sees them in full). */
  function maskPhone(phone) {
    if (!phone) return '';
    return phone.length >= 7 ? phone.slice(0, 3) + '****' + phone.slice(-4) : phone.replace(/.(?=.{2})/g, '*');
  }

  /** A v4 UUID; crypto.randomUUID exists only in secure contexts, and a venue's LAN may serve plain http. */
  function uuid() {
    if (window.crypto && typeof crypto.randomUUID === 'function') {
      try { return crypto.randomUUID(); } catch { /* not a secure context */ }
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /**
   * Calls the API with the page's cookie. Resolves to { ok, status, data } or { ok: false, status, problem }
   * (status 0 when no answer came: the write may or may not have happened, so retry with the same key).
   */
  async function api(method, url, body, idempotencyKey) {
    const headers = { 'Accept': 'application/json', 'Accept-Language': lang };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['Idempotency-Key'] = idempotencyKey || uuid();
    let response;
    try {
      response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      return { ok: false, status: 0, problem: { detail: t('live.networkError') } };
    }
    if (response.status === 401) {
      location.href = '/login?ReturnUrl=' + encodeURIComponent(location.pathname + location.search);
    }
    let data = null;
    if ((response.headers.get('content-type') || '').includes('json')) {
      try { data = await response.json(); } catch { data = null; }
    }
    if (response.ok) return { ok: true, status: response.status, data };
    return { ok: false, status: response.status, problem: data && data.detail ? data : { detail: t('live.failed', response.status) } };
  }

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

  // ---- forms: one request at a time, one Idempotency-Key per intended action, errors next to their field ----

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
   * Wires a form to an API call. run(form, key) returns api()'s result; the key stays the same until an answer
   * arrives, so a retry after a lost answer (or a double tap that slips through) is replayed, not repeated.
   */
  function submitOnce(form, run, onDone, generalBox) {
    form.addEventListener('submit', async event => {
      event.preventDefault();
      if (form.dataset.busy === 'true') return;
      form.dataset.busy = 'true';
      const buttons = form.querySelectorAll('button[type=submit]');
      buttons.forEach(b => { b.disabled = true; });
      clearErrors(form);
      if (generalBox) { generalBox.hidden = true; }
      if (!form.dataset.key) form.dataset.key = uuid();
      try {
        const result = await run(form, form.dataset.key);
        if (result.status !== 0) delete form.dataset.key;
        if (result.ok) onDone(result.data, form);
        else showProblem(form, result.problem, generalBox);
      } finally {
        form.dataset.busy = 'false';
        buttons.forEach(b => { b.disabled = false; });
      }
    });
  }

  /** Forgets a form's pending key: call when the form is opened for a new action. */
  function freshForm(form) {
    delete form.dataset.key;
    clearErrors(form);
  }

  // ---- the hub ----

  /**
   * Connects to /hubs/board and keeps reconnecting. After each (re)connect, resync() loads a fresh snapshot;
   * events that arrive while it loads are held and applied after it, in order, so nothing is lost or undone.
   */
  function connect(handlers, resync, onState) {
    let held = null;
    let live = false;
    const connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/board')
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(10000, 500 * 2 ** Math.min(c.previousRetryCount, 5)) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    for (const [name, handler] of Object.entries(handlers)) {
      connection.on(name, payload => {
        if (held) held.push(() => handler(payload));
        else handler(payload);
        onState('event');
      });
    }

    async function sync() {
      held = [];
      for (let attempt = 0; ; attempt++) {
        try {
          await resync();
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
      try {
        await connection.start();
      } catch {
        onState('offline');
        setTimeout(start, 3000);
        return;
      }
      await sync();
    }
    connection.onreconnecting(() => { live = false; onState('reconnecting'); });
    connection.onreconnected(() => { sync(); });
    connection.onclose(() => { live = false; onState('offline'); setTimeout(start, 3000); });
    start();
    return {
      connection,
      /** True while events flow: the page's own writes then show through their events, in order with everyone's. */
      get live() { return live; },
      /** After a write while not live: fetch the truth instead of waiting for an event that may not come. */
      catchUp() { if (!live && held === null) resync().catch(() => { /* the next reconnect resyncs */ }); },
    };
  }

  /** Shows the connection state and the time the last update arrived (data-testid=last-update). */
  function liveStatus(root) {
    const state = root.querySelector('[data-part=live-state]');
    const last = root.querySelector('[data-testid=last-update]');
    return kind => {
      if (kind === 'event') {
        const at = Date.now();
        if (last) { last.textContent = clockText(at + clockOffset); last.dataset.at = String(at); }
        return;
      }
      root.dataset.live = kind;
      if (state) { state.textContent = t('live.' + kind); state.dataset.state = kind; }
    };
  }

  // ---- countdowns: every element with data-hold-until shows the time left, each second ----

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

  /**
   * A decision button inside a form: one request at a time, one Idempotency-Key per intended decision until an
   * answer comes, errors next to the form's fields. Enter in a note does nothing (a deny note must not grant).
   */
  function decisionButtons(list, run) {
    list.addEventListener('submit', event => event.preventDefault());
    list.addEventListener('click', async event => {
      const button = event.target.closest('button[data-decision]');
      if (!button || !list.contains(button)) return;
      const form = button.closest('form');
      if (form.dataset.busy === 'true') return;
      form.dataset.busy = 'true';
      const buttons = form.querySelectorAll('button');
      buttons.forEach(b => { b.disabled = true; });
      clearErrors(form);
      const keyName = 'key' + button.dataset.decision;
      if (!form.dataset[keyName]) form.dataset[keyName] = uuid();
      try {
        const result = await run(form, button.dataset.decision, form.dataset[keyName]);
        if (result.status !== 0) delete form.dataset[keyName];
        if (!result.ok) showProblem(form, result.problem);
      } finally {
        form.dataset.busy = 'false';
        buttons.forEach(b => { b.disabled = false; });
      }
    });
  }

  window.Encore = {
    page, t, statusText, stateText, typeText, serverNow, clockText, hhmm, duration, maskPhone, uuid, api, h,
    clearErrors, showProblem, submitOnce, freshForm, decisionButtons, connect, liveStatus, tick, copyText,
  };
})();
