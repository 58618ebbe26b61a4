// /training and /training/courses/{id}: the plan's new-course form, the attendance tick list, score entry and cancelling.
// Every write goes to the API, which decides; after a write the page is read again from the server.
(function () {
  'use strict';
  const E = window.Encore;
  const page = E.page;
  if (!page) return;

  const newCourse = page.querySelector('form[data-form=course]');
  if (newCourse) {
    E.submitOnce(newCourse, (form, key) => {
      const value = name => form.elements[name].value.trim();
      const number = name => (value(name) === '' ? null : Number(value(name)));
      const body = {
        title: value('title'), content: value('content'), method: value('method'), location: value('location'),
        startsAt: value('startsAt'), durationMinutes: number('durationMinutes'), passMark: number('passMark'),
        trainerBadge: value('trainerBadge'),
        audience: value('audience').split(/[,，\s]+/).filter(a => a.length > 0),
        discountAuthority: form.elements.discountAuthority.checked,
      };
      return E.api('POST', '/api/training/courses', body, key);
    }, course => { location.href = '/training/courses/' + course.id; });
  }

  const courseId = page.dataset.course;
  if (!courseId) return;
  const errorBox = E.part('error');
  const state = {};

  function reloadOr(result) {
    if (result && result.ok) location.reload();
    else if (result) E.showError(errorBox, result.problem);
  }

  page.addEventListener('change', event => {
    const box = event.target.closest('input[data-action=present]');
    if (!box) return;
    E.send(state, 'present' + box.dataset.badge, key => E.api('POST', `/api/training/courses/${courseId}/attendance`, { badge: box.dataset.badge, present: box.checked }, key),
      { buttons: [box], then: reloadOr });
  });

  page.querySelectorAll('form[data-form=score]').forEach(form => {
    E.submitOnce(form, (f, key) => {
      const raw = f.elements.score.value.trim();
      return E.api('POST', `/api/training/courses/${courseId}/scores`, { badge: f.dataset.badge, score: raw === '' ? null : Number(raw) }, key);
    }, () => location.reload());
  });

  const cancel = page.querySelector('[data-action=cancel]');
  if (cancel) {
    cancel.addEventListener('click', () => {
      if (!window.confirm(cancel.dataset.confirm)) return;
      E.send(state, 'cancel', key => E.api('POST', `/api/training/courses/${courseId}/cancel`, undefined, key), { buttons: [cancel], then: reloadOr });
    });
  }
})();
