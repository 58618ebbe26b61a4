// The board replay's slider: moving it asks for the minute of that change of the night (the page draws the board on the server).
(function () {
  'use strict';
  const slider = document.querySelector('[data-part="replay-slider"]');
  const form = document.querySelector('[data-part="replay-form"]');
  if (!slider || !form) return;
  const minutes = slider.dataset.minutes.split(',');
  slider.addEventListener('change', () => {
    form.elements.at.value = minutes[Number(slider.value) - 1];
    form.submit();
  });
})();
