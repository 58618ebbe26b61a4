// The chain summary (/chain): the figures are rendered by the page; the chain admin's form opens a venue through
// POST /api/venues (which decides every rule and names the field it refuses), then the page reads again.
(function () {
  'use strict';
  const E = window.Encore;
  const { t } = E;
  const form = E.part('form');
  if (!form) return;
  const flash = E.part('flash');
  E.part('add').addEventListener('click', () => {
    E.freshForm(form);
    form.hidden = false;
    form.elements.code.focus();
  });
  form.querySelector('[data-part=cancel]').addEventListener('click', () => { form.hidden = true; });
  E.submitOnce(form, (f, key) => {
    const e = f.elements;
    const value = input => input.value.trim() || null;
    const gm = value(e.gmBadge) || value(e.gmName) || e.gmPassword.value
      ? { badge: value(e.gmBadge), name: value(e.gmName), password: e.gmPassword.value || null }
      : null;
    return E.api('POST', '/api/venues', {
      code: value(e.code), name: value(e.name), region: value(e.region), timeZone: value(e.timeZone),
      businessDayCutoff: value(e.businessDayCutoff), gm,
    }, key);
  }, created => {
    form.hidden = true;
    flash.textContent = t('chain.created', created.name, created.code);
    flash.hidden = false;
    setTimeout(() => window.location.reload(), 800);
  });
})();
