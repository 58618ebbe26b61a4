// Encore's service worker: only for Web Push (issue 13). A ping sent while Encore is in the background or closed
// arrives from the browser's push service as an encrypted message (Push/PushSender.cs) and is shown as a
// notification; a tap focuses an open Encore tab or opens the page the notice names (/attendance for a ping).
// It caches nothing: every page still comes from the server.
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('push', event => {
  let notice = {};
  try { notice = event.data ? event.data.json() : {}; } catch { /* not ours: shown plainly below */ }
  const title = notice.title || 'Encore';
  event.waitUntil(self.registration.showNotification(title, {
    body: notice.body || '',
    tag: notice.kind && notice.id ? `${notice.kind}-${notice.id}` : undefined,
    requireInteraction: notice.kind === 'ping',
    vibrate: [300, 100, 300],
    data: { url: notice.url || '/' },
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/', self.location.origin).href;
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const same = open.find(c => c.url === url) || open.find(c => new URL(c.url).origin === self.location.origin);
    if (same) {
      if (same.url !== url && 'navigate' in same) await same.navigate(url);
      return same.focus();
    }
    return self.clients.openWindow(url);
  })());
});
