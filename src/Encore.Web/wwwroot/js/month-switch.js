// The "last month / this month" switch of the monthly pages (standings, fines, statements; issue 13). A click puts
// that month in the page's own month form and submits it, so each page shows it its usual way (in place, or by a
// GET of the statement); the pressed button follows the month the form shows.
(function () {
  'use strict';
  document.querySelectorAll('[data-month-switch]').forEach(box => {
    const form = box.closest('form');
    const input = form.elements.month;
    const buttons = [...box.querySelectorAll('button[data-month]')];
    const mark = () => buttons.forEach(b => {
      const on = b.dataset.month === input.value;
      b.setAttribute('aria-pressed', String(on));
      b.classList.toggle('active', on);
    });
    box.addEventListener('click', event => {
      const button = event.target.closest('button[data-month]');
      if (!button) return;
      input.value = button.dataset.month;
      mark();
      form.requestSubmit();
    });
    form.addEventListener('submit', mark);
    input.addEventListener('change', mark);
    mark();
  });
})();
