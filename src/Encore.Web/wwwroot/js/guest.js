// The guest's phone page (Complaints/Pages/Guest.cshtml): pick 1–5 stars, an optional comment, the tips box, send.
// No account and no cookie: the link's token in the URL is the only key (POST /api/guest/{token}).
(function () {
    'use strict';
    var form = document.getElementById('guest-form');
    if (!form) return;
    var stars = Array.prototype.slice.call(form.querySelectorAll('.guest-star'));
    var error = document.getElementById('guest-error');
    var rating = null;

    function show(text) {
        error.textContent = text;
        error.hidden = false;
    }

    stars.forEach(function (star) {
        star.addEventListener('click', function () {
            rating = Number(star.getAttribute('data-rating'));
            stars.forEach(function (s) {
                var on = Number(s.getAttribute('data-rating')) <= rating;
                s.classList.toggle('active', on);
                s.setAttribute('aria-checked', String(s === star));
            });
            error.hidden = true;
        });
    });

    form.addEventListener('submit', function (e) {
        e.preventDefault();
        if (rating === null) { show(form.getAttribute('data-choose')); return; }
        var send = form.querySelector('[type=submit]');
        send.disabled = true;
        var comment = document.getElementById('guest-comment').value.trim();
        fetch(form.getAttribute('data-api'), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
            credentials: 'omit',
            body: JSON.stringify({ rating: rating, comment: comment || null, tipSolicited: document.getElementById('guest-tip').checked })
        }).then(function (response) {
            return response.json().catch(function () { return {}; }).then(function (body) {
                if (response.status === 201) {
                    form.hidden = true;
                    document.getElementById('guest-thanks').hidden = false;
                    document.getElementById('guest-thanks-complaint').hidden = !body.complaintOpened;
                    return;
                }
                send.disabled = false;
                show(body.detail || body.title || form.getAttribute('data-failed'));
            });
        }).catch(function () {
            send.disabled = false;
            show(form.getAttribute('data-failed'));
        });
    });
})();
