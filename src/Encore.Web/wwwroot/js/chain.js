// The chain summary (/chain): the figures are rendered by the page. The chain admin's forms call the API, which decides
// every rule and names the field it refuses; after a change the page says what was done and reads again.
(function () {
  'use strict';
  const E = window.Encore;
  const { t } = E;
  const form = E.part('form');
  if (!form) return; // not the chain admin: the summary only
  const flash = E.part('flash');
  const value = input => input.value.trim() || null;
  const done = text => {
    flash.textContent = text;
    flash.hidden = false;
    setTimeout(() => window.location.reload(), 800);
  };

  // Opening a venue (POST /api/venues).
  E.part('add').addEventListener('click', () => {
    E.freshForm(form);
    form.hidden = false;
    form.elements.code.focus();
  });
  form.querySelector('[data-part=cancel]').addEventListener('click', () => { form.hidden = true; });
  E.submitOnce(form, (f, key) => {
    const e = f.elements;
    const gm = value(e.gmBadge) || value(e.gmName) || e.gmPassword.value
      ? { badge: value(e.gmBadge), name: value(e.gmName), password: e.gmPassword.value || null }
      : null;
    return E.api('POST', '/api/venues', {
      code: value(e.code), name: value(e.name), region: value(e.region), timeZone: value(e.timeZone),
      businessDayCutoff: value(e.businessDayCutoff), gm,
    }, key);
  }, created => {
    form.hidden = true;
    done(t('chain.created', created.name, created.code));
  });

  // A regional manager's venues (PUT /api/chain/regional-managers): no venue ticked takes the role away.
  const rmForm = E.part('rm-form');
  const venueBoxes = () => [...rmForm.querySelectorAll('input[name=venues]')];
  document.querySelectorAll('[data-edit-rm]').forEach(button => button.addEventListener('click', () => {
    E.freshForm(rmForm);
    rmForm.elements.venue.value = button.dataset.venue;
    rmForm.elements.badge.value = button.dataset.badge;
    const overseen = button.dataset.venues.split(',');
    venueBoxes().forEach(box => { box.checked = overseen.includes(box.value); });
    rmForm.scrollIntoView({ block: 'nearest' });
  }));
  E.submitOnce(rmForm, (f, key) => E.api('PUT', '/api/chain/regional-managers', {
    venue: f.elements.venue.value, badge: value(f.elements.badge),
    venues: venueBoxes().filter(box => box.checked).map(box => box.value),
  }, key), saved => done(saved.venues.length
    ? t('chain.rmSaved', saved.name, saved.badge, saved.venues.join('、'))
    : t('chain.rmRemoved', saved.name, saved.badge)));

  // Moving a member of staff to another venue (POST /api/chain/staff-moves).
  const moveForm = E.part('move-form');
  E.submitOnce(moveForm, (f, key) => {
    const e = f.elements;
    return E.api('POST', '/api/chain/staff-moves', {
      fromVenue: e.fromVenue.value, badge: value(e.badge), toVenue: e.toVenue.value, note: value(e.note),
    }, key);
  }, moved => done(t('chain.moved', moved.name, moved.badge, moved.fromVenue, moved.toVenue)));
})();
