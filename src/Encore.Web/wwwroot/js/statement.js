// The monthly statement (/statements) is rendered by the server; this only prints it (inline handlers are not
// allowed by the content security policy) and shows another person's or month's statement as soon as it is picked.
(function () {
  'use strict';
  const form = document.querySelector('form[data-form=pick]');
  if (!form) return;
  const print = form.querySelector('[data-act=print]');
  if (print) print.addEventListener('click', () => window.print());
  const badge = form.querySelector('select[name=badge]');
  if (badge) badge.addEventListener('change', () => form.requestSubmit());
})();
