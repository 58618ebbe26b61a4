// A ping (查岗) reaches the person on every page of Encore, not only on /attendance: the layout's banner
// ([data-live-shell]) shows each open ping of tonight with its countdown and the answer button, from a fetch at load
// and live from the hub's "pinged" event (sent to the pinged person only). It listens on the page's own hub
// connection when the page has one (Encore.hub), else opens one. A new ping vibrates the phone, beeps, and shows a
// browser notification when Encore is in the background and the person allowed it.
// With the person's permission the browser is also subscribed to Web Push (/sw.js shows the notice): a ping then
// reaches the phone when Encore is in the background or closed. Signing out unsubscribes this browser.
(function () {
  'use strict';
  const E = window.Encore;
  const box = document.querySelector('[data-live-shell]');
  if (!E || !box) return;
  // /attendance shows the person's pings itself, banner and list: one banner per page (Web Push still set up below).
  const pageShowsPings = !!document.querySelector('[data-part=ping-banner]');
  const { t, h } = E;
  const me = (box.dataset.me || '').toLowerCase();
  const today = box.dataset.businessDay;
  const pings = new Map(); // id -> PingView, open ones to me tonight

  // ---- getting attention ----

  // Browsers refuse sound until the person has touched the page (autoplay policy): the audio context is made on the
  // first tap or key, and a ping before any gesture is silent (the vibration and the banner still come).
  let audio = null;
  function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      audio ??= new Context();
      if (audio.state === 'suspended') audio.resume();
    } catch { audio = null; }
  }
  document.addEventListener('pointerdown', unlockAudio, { capture: true });
  document.addEventListener('keydown', unlockAudio, { capture: true });

  function beep() {
    if (!audio || audio.state !== 'running') return;
    for (const start of [0, 0.25]) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.2;
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + start);
      tone.stop(audio.currentTime + start + 0.15);
    }
  }

  // Notifications need a secure context (https, or localhost) and the person's permission, asked from the banner.
  const canNotify = () => 'Notification' in window && window.isSecureContext;

  function notify(p) {
    if (!document.hidden || !canNotify() || Notification.permission !== 'granted') return;
    try {
      const note = new Notification(t('ping.by', p.sentBy), { body: p.message || t('ping.answerBy', E.hhmm(p.dueAt)), tag: 'ping-' + p.id, requireInteraction: true });
      note.onclick = () => { window.focus(); note.close(); };
    } catch { /* Chrome on Android shows notifications only from a service worker: the banner and vibration remain */ }
  }

  // ---- Web Push ----

  const canPush = () => canNotify() && 'serviceWorker' in navigator && 'PushManager' in window;
  const pushMemory = 'encore.push'; // "badge endpoint" last handed to Encore: a page load does not write it again

  /** Subscribes this browser (when notifications are allowed) and hands the subscription to Encore once per person. */
  async function subscribePush() {
    if (!canPush() || Notification.permission !== 'granted') return;
    try {
      const registration = await navigator.serviceWorker.register('/sw.js');
      let subscription = await registration.pushManager.getSubscription();
      if (!subscription) {
        const key = await E.api('GET', '/api/push/key');
        if (!key.ok) return;
        subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key.data.publicKey });
      }
      const remembered = `${me} ${subscription.endpoint}`;
      if (localStorage.getItem(pushMemory) === remembered) return;
      const answer = await E.api('POST', '/api/push/subscriptions', subscription.toJSON());
      if (answer.ok) localStorage.setItem(pushMemory, remembered);
    } catch { /* no push service reachable from this browser: the banner, sound and vibration remain */ }
  }

  /** Before signing out: this phone stops ringing for the person (Encore forgets the endpoint, the browser too). */
  async function unsubscribePush() {
    if (!localStorage.getItem(pushMemory) || !('serviceWorker' in navigator)) return;
    try {
      const registration = await navigator.serviceWorker.getRegistration('/');
      const subscription = registration && await registration.pushManager.getSubscription();
      if (subscription) {
        await E.api('POST', '/api/push/unsubscribe', { endpoint: subscription.endpoint });
        await subscription.unsubscribe();
      }
    } catch { /* signing out goes on */ }
    localStorage.removeItem(pushMemory);
  }

  const logout = document.querySelector('form[action="/logout"]');
  logout?.addEventListener('submit', event => {
    if (logout.dataset.unsubscribed) return;
    event.preventDefault();
    unsubscribePush().finally(() => { logout.dataset.unsubscribed = '1'; logout.requestSubmit(); });
  });
  if (pageShowsPings) { subscribePush(); return; }

  function alert(p) {
    if (navigator.vibrate) { try { navigator.vibrate([300, 100, 300]); } catch { /* not allowed before a gesture */ } }
    beep();
    notify(p);
  }

  // ---- the banner ----

  function notifyButton() {
    if (!canNotify() || Notification.permission !== 'default') return null;
    return h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm w-100 mt-2', dataset: { act: 'notify', testid: 'ping-notify' } }, t('ping.notifyAsk'));
  }

  function render() {
    const open = [...pings.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    box.replaceChildren(...open.map(p => E.discipline.pingBanner(p, notifyButton())));
    box.hidden = open.length === 0;
    box.dataset.openPings = String(open.length);
  }

  const mine = p => p.badge.toLowerCase() === me && !p.answeredAt;

  function pinged(p) {
    if (!mine(p) || pings.has(p.id)) return;
    pings.set(p.id, p);
    render();
    alert(p);
  }

  E.discipline.answerPings(box, id => {
    pings.delete(id);
    render();
  });
  box.addEventListener('click', async event => {
    const ask = event.target.closest('button[data-act=notify]');
    if (!ask) return;
    try { await Notification.requestPermission(); } catch { /* refused */ }
    render();
    subscribePush();
  });

  /** Tonight's open pings to me (a superior sees others' too: only mine are shown); never throws. */
  async function load() {
    const answer = await E.api('GET', `/api/pings?businessDay=${encodeURIComponent(today)}`);
    if (!answer.ok) return;
    pings.clear();
    answer.data.filter(mine).forEach(p => pings.set(p.id, p));
    render();
  }

  function listen() {
    const hub = E.hub || E.connect({}, () => Promise.resolve(), () => { /* the banner shows no connection state */ });
    hub.also({ pinged }, load);
  }
  // Pages that show nothing live do not load the SignalR client: load it for the banner.
  if (window.signalR) listen();
  else {
    const client = h('script', { src: '/lib/signalr/signalr.min.js' });
    client.addEventListener('load', listen);
    document.head.append(client);
  }
  render();
  subscribePush();
})();
