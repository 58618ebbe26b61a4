// The customer pages (SPEC.md "Customer files"): /customers (search one's own as one types, file a new customer,
// today's birthdays and VIP arrivals), /customers/{id} (the file, its history, contacts, consent, handover, the
// exclusive manager), /customers/handover (a leaver's book split over managers; duplicate flags) and
// /customers/import (CSV in, CSV out). The API decides who sees what; these scripts show what it answers.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root, money } = E;
  const kind = root.dataset.livePage;

  const sourceText = source => (source && ['filed', 'import', 'booking'].includes(source) ? t('customers.sourceOf.' + source) : source);
  const vipText = level => (level ? t('customers.vip.' + level) : '');
  const fileLink = (id, name) => h('a', { href: '/customers/' + id, dataset: { customer: id } }, name);

  /** The form's fields as the API's CustomerInput: empty text is null. */
  function customerBody(form) {
    const body = {};
    for (const name of ['name', 'phone', 'birthday', 'company', 'title', 'tags', 'notes', 'preferences', 'source', 'creditFlags']) {
      const el = form.elements[name];
      if (!el) continue;
      const value = el.value.trim();
      body[name] = value === '' ? null : value;
    }
    return body;
  }

  function fillCustomer(form, c) {
    for (const name of ['name', 'phone', 'birthday', 'company', 'title', 'tags', 'notes', 'preferences', 'source', 'creditFlags']) {
      const el = form.elements[name];
      if (el) el.value = c[name] ?? '';
    }
  }

  function flashIn(form, text) {
    const flash = form.querySelector('[data-part=flash]');
    if (!flash) return;
    flash.textContent = text;
    flash.hidden = false;
  }

  // ---- /customers ----

  function listPage() {
    const q = document.getElementById('q');
    const results = root.querySelector('[data-part=results]');
    const count = root.querySelector('[data-part=count]');
    const floor = E.flag('floor');
    let seq = 0;
    let timer = null;

    function item(c) {
      const details = [c.phone, c.company, floor ? t('customers.owner', c.ownerName, c.ownerBadge) : null].filter(Boolean).join(' · ');
      return h('li', { class: 'card customer-card mb-2', dataset: { customer: c.id } },
        h('a', { class: 'd-block p-2 text-decoration-none', href: '/customers/' + c.id },
          h('div', { class: 'fw-semibold', dataset: { part: 'name' } }, c.name),
          h('div', { class: 'small text-muted', dataset: { part: 'phone' } }, details)));
    }

    async function search() {
      const mine = ++seq;
      const term = q.value.trim();
      E.clearErrors(root.querySelector('.col-lg-7') || root);
      const result = await E.api('GET', '/api/customers' + (term ? '?q=' + encodeURIComponent(term) : ''));
      if (mine !== seq) return; // a newer search is on its way
      results.replaceChildren();
      if (!result.ok) { E.showProblem(root, result.problem); return; }
      const rows = result.data || [];
      results.append(...rows.map(item));
      count.textContent = rows.length === 0 ? t('customers.noneFound') : t('customers.found', rows.length);
      results.dataset.q = term;
    }

    q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 250); });
    q.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); clearTimeout(timer); search(); } });
    search();

    // A manager's form stands open beside the list on a desk screen; on a phone it waits, closed, above the list.
    const card = root.querySelector('[data-part=new]');
    if (card && card.dataset.openWide === 'true' && window.matchMedia('(min-width: 992px)').matches) card.open = true;

    const form = document.getElementById('customer-form');
    if (form) {
      E.submitOnce(form, (f, key) => {
        form.querySelector('[data-part=flash]').hidden = true;
        return E.api('POST', '/api/customers', customerBody(form), key);
      }, c => {
        const flash = form.querySelector('[data-part=flash]');
        flash.replaceChildren(t('customers.filed', c.name), ' ', fileLink(c.id, t('customers.openFile')));
        flash.dataset.customer = c.id;
        flash.hidden = false;
        form.reset();
        search();
      });
    }

    (async () => {
      const result = await E.api('GET', '/api/customers/today');
      const birthdays = root.querySelector('[data-part=birthdays]');
      const arrivals = root.querySelector('[data-part=arrivals]');
      if (!result.ok) { birthdays.textContent = arrivals.textContent = result.problem.detail; return; }
      const join = (items) => items.length === 0 ? [t('customers.nobody')] : items.flatMap((x, i) => (i === 0 ? [x] : ['、', x]));
      birthdays.replaceChildren(...join(result.data.birthdays.map(b =>
        h('span', null, fileLink(b.customerId, b.name), b.vipLevel ? ` (${vipText(b.vipLevel)})` : '', floor ? ` · ${b.ownerBadge}` : ''))));
      arrivals.replaceChildren(...join(result.data.vipArrivals.map(a =>
        h('span', null, fileLink(a.customerId, a.name), ` ${E.hhmm(a.arrival)} ${vipText(a.vipLevel)} · ${E.statusText(a.status)} · ${a.bookerBadge}`))));
    })();
  }

  // ---- /customers/{id} ----

  function filePage() {
    const id = root.dataset.id;
    const sees = E.flag('sees');
    const pageError = E.part('error');

    function detail(dl, label, value) {
      if (value === null || value === undefined || value === '') return;
      dl.append(h('dt', { class: 'col-4 text-muted fw-normal' }, label), h('dd', { class: 'col-8 mb-1', dataset: { field: label } }, value));
    }

    function showFile(c) {
      root.querySelector('[data-part=name]').textContent = c.name;
      const phone = root.querySelector('[data-part=phone]');
      phone.textContent = c.phone;
      phone.dataset.masked = String(c.phoneMasked);
      if (c.phoneMasked) phone.removeAttribute('href'); else phone.href = 'tel:' + c.phone;
      const vip = root.querySelector('[data-part=vip]');
      vip.textContent = vipText(c.vipLevel);
      vip.hidden = !c.vipLevel;
      const dl = root.querySelector('[data-part=details]');
      dl.replaceChildren();
      detail(dl, t('customers.ownerLabel'), `${c.ownerName}（${c.ownerBadge}）`);
      detail(dl, t('customers.exclusiveLabel'), c.exclusiveManagerBadge);
      detail(dl, t('customers.company'), [c.company, c.title].filter(Boolean).join(' · '));
      detail(dl, t('customers.birthday'), c.birthday);
      detail(dl, t('customers.preferences'), c.preferences);
      detail(dl, t('customers.tags'), c.tags);
      detail(dl, t('customers.notes'), c.notes);
      detail(dl, t('customers.creditFlags'), c.creditFlags);
      detail(dl, t('customers.source'), sourceText(c.source));
      detail(dl, t('customers.filedAt'), E.dateTime(c.createdAt));
      const edit = document.getElementById('edit-form');
      if (edit && !c.phoneMasked) {
        fillCustomer(edit, c);
        edit.elements.source.readOnly = true; // the API keeps a file's source as filed
      }
    }

    async function loadFile() {
      const result = await E.api('GET', '/api/customers/' + id);
      if (!result.ok) { E.showError(pageError, result.problem); return; }
      showFile(result.data);
    }

    function list(part, rows, text) {
      const ul = root.querySelector(`[data-part=${part}]`);
      ul.replaceChildren(...(rows.length === 0 ? [h('li', { class: 'text-muted small' }, t('customers.none'))]
        : rows.map(r => h('li', { class: 'small border-bottom py-1' }, text(r)))));
    }

    async function loadHistory() {
      if (!sees) return;
      const result = await E.api('GET', `/api/customers/${id}/history`);
      if (!result.ok) { E.showError(pageError, result.problem); return; }
      const d = result.data;
      root.querySelector('[data-part=totals]').replaceChildren(
        h('span', null, t('customers.totalVisits', d.totals.visits)),
        h('span', null, t('customers.totalSpend', money(d.totals.spend))),
        h('span', null, t('customers.totalComps', money(d.totals.comps))),
        h('span', null, t('customers.totalDiscounts', money(d.totals.discounts))));
      list('visits', d.visits, v => [v.businessDay, t('customers.room', v.room), money(v.spend),
        v.compsValue ? t('customers.comps', money(v.compsValue)) : null, v.discount ? t('customers.discount', money(v.discount)) : null,
        v.closedAt ? null : t('customers.visitOpen'), v.creditedBadge].filter(Boolean).join(' · '));
      list('bookings', d.bookings, b => [E.dateTime(b.arrival), E.statusText(b.status), t('customers.people', b.partySize),
        t('customers.bookedBy', b.bookerBadge), b.createdBy && b.createdBy !== b.bookerBadge ? t('customers.enteredBy', b.createdBy) : null].filter(Boolean).join(' · '));
      list('returnVisits', d.returnVisits, r => [r.dueDay, t('customers.rv.reason.' + r.reason), r.ownerBadge,
        r.doneAt ? t('customers.rv.doneAt', E.dateTime(r.doneAt)) : t('customers.rv.open'),
        r.channel ? t('customers.channel.' + r.channel) : null, r.outcome, r.satisfaction ? '★'.repeat(r.satisfaction) : null].filter(Boolean).join(' · '));
      list('complaints', d.complaints, c => [c.businessDay, t('complaint.category.' + c.category), t('complaint.status.' + c.status),
        c.roomNumber ? t('customers.room', c.roomNumber) : null, c.description, c.resolution || null,
        c.satisfaction ? '★'.repeat(c.satisfaction) : null].filter(Boolean).join(' · '));
      list('contacts', d.contacts, c => [E.dateTime(c.at), t('customers.channel.' + c.channel), c.outcome, c.staffBadge].filter(Boolean).join(' · '));
      list('handovers', d.handovers, x => [E.dateTime(x.at), `${x.from} → ${x.to}`, t('customers.by', x.by), x.reason].filter(Boolean).join(' · '));
      list('consents', d.consents, x => [E.dateTime(x.at), t('customers.consentTo', x.to), t('customers.by', x.by), x.reason].filter(Boolean).join(' · '));
    }

    const edit = document.getElementById('edit-form');
    if (edit) {
      E.submitOnce(edit, (f, key) => E.api('PUT', '/api/customers/' + id, customerBody(edit), key), c => {
        showFile(c);
        flashIn(edit, t('customers.saved'));
      });
    }
    const contact = document.getElementById('contact-form');
    if (contact) {
      E.submitOnce(contact, (f, key) => {
        const channel = contact.querySelector('[name=channel]:checked');
        const outcome = contact.elements.outcome.value.trim();
        return E.api('POST', `/api/customers/${id}/contacts`, { channel: channel ? channel.value : null, outcome: outcome || null }, key);
      }, r => {
        flashIn(contact, t('customers.contactLogged', r.contactsToday, r.min, r.max));
        contact.elements.outcome.value = '';
        loadHistory();
      });
    }
    const forms = {
      consent: (f, key) => E.api('POST', `/api/customers/${id}/consent`, { toBadge: f.elements.toBadge.value || null, reason: f.elements.reason.value.trim() || null }, key),
      handover: (f, key) => E.api('POST', `/api/customers/${id}/handover`, { toBadge: f.elements.toBadge.value || null, reason: f.elements.reason.value.trim() || null }, key),
      exclusive: (f, key) => E.api('PUT', `/api/customers/${id}/exclusive-manager`, { badge: f.elements.badge.value || null }, key),
    };
    for (const [name, run] of Object.entries(forms)) {
      const form = root.querySelector(`form[data-form=${name}]`);
      if (!form) continue;
      E.submitOnce(form, run, data => {
        flashIn(form, t('customers.done.' + name));
        if (data && data.id) showFile(data);
        loadHistory();
      });
    }

    loadFile();
    loadHistory();
  }

  // ---- /customers/handover ----

  function handoverPage() {
    const form = document.getElementById('handover-form');
    const from = form.elements.fromBadge;
    const preview = form.querySelector('[data-part=preview]');
    const flash = form.querySelector('[data-part=flash]');
    const receivers = () => Array.from(form.querySelectorAll('[name=toBadges]:checked')).map(b => b.value);

    /** The even split POST /api/customers/handover makes: round robin, the first receivers take one more. */
    function split(total, badges) {
      return badges.map((b, i) => ({ toBadge: b, customers: Math.floor(total / badges.length) + (i < total % badges.length ? 1 : 0) }));
    }

    function update() {
      form.querySelectorAll('.receiver').forEach(l => {
        const mine = l.dataset.badge === from.value;
        l.hidden = mine;
        if (mine) l.querySelector('input').checked = false;
      });
      const option = from.selectedOptions[0];
      const to = receivers();
      if (!option || !option.value || to.length === 0) { preview.hidden = true; return; }
      const total = Number(option.dataset.count || 0);
      preview.replaceChildren(h('div', null, t('customers.preview', option.value, total)),
        h('ul', { class: 'mb-0' }, ...split(total, to).map(s => h('li', { dataset: { badge: s.toBadge } }, t('customers.previewLine', s.toBadge, s.customers)))));
      preview.hidden = false;
    }
    form.addEventListener('change', update);

    E.submitOnce(form, (f, key) => {
      flash.hidden = true;
      return E.api('POST', '/api/customers/handover', { fromBadge: from.value || null, toBadges: receivers(), reason: form.elements.reason.value.trim() || null }, key);
    }, rows => {
      const option = from.selectedOptions[0];
      flash.replaceChildren(h('div', null, t('customers.handedOver', from.value)),
        h('ul', { class: 'mb-0' }, ...rows.map(r => h('li', { dataset: { badge: r.toBadge } }, t('customers.previewLine', r.toBadge, r.customers)))));
      flash.hidden = false;
      if (option) option.dataset.count = '0';
      preview.hidden = true;
    });

    (async () => {
      const ul = root.querySelector('[data-part=flags]');
      const result = await E.api('GET', '/api/customers/flags');
      if (!result.ok) { ul.replaceChildren(h('li', { class: 'text-danger' }, result.problem.detail)); return; }
      root.querySelector('[data-part=flag-count]').textContent = String(result.data.length);
      ul.replaceChildren(...(result.data.length === 0 ? [h('li', { class: 'text-muted small' }, t('customers.none'))]
        : result.data.map(f => h('li', { class: 'card p-2 mb-2 small', dataset: { flag: f.id } },
          h('div', null, fileLink(f.customerId, f.name), ` ${f.phone}`, ' ↔ ', fileLink(f.otherCustomerId, f.otherName), ` ${f.otherPhone}`),
          h('div', { class: 'text-muted' }, t('customers.flagReason.' + f.reason.replace(/[ ,]+(\w)/g, (_, c) => c.toUpperCase())), ' · ', E.dateTime(f.createdAt))))));
    })();
  }

  // ---- /customers/import ----

  function importPage() {
    const form = document.getElementById('import-form');
    if (!form) return;
    const lines = form.querySelector('[data-part=line-errors]');
    const flash = form.querySelector('[data-part=flash]');
    E.submitOnce(form, async (f, key) => {
      flash.hidden = true;
      lines.replaceChildren();
      const file = form.elements.file.files[0];
      if (!file) return { ok: false, status: 400, problem: { errors: { file: [t('customers.pickFile')] } } };
      const data = new FormData();
      data.append('file', file);
      const result = await E.api('POST', '/api/customers/import', data, key);
      const errors = !result.ok && result.problem.errors;
      if (!errors) return result;
      // "line N" errors go in a list, in line order; the rest next to their field.
      const byLine = Object.entries(errors).filter(([k]) => k.startsWith('line '))
        .sort(([a], [b]) => Number(a.slice(5)) - Number(b.slice(5)));
      lines.replaceChildren(...byLine.map(([k, m]) => h('li', { dataset: { line: k.slice(5) } }, [].concat(m).join(' '))));
      const rest = Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith('line ')));
      if (Object.keys(rest).length === 0) return { ...result, problem: { detail: t('customers.importRejected', byLine.length) } };
      return { ...result, problem: { ...result.problem, errors: rest } };
    }, r => {
      flash.textContent = t('customers.imported', r.imported);
      flash.hidden = false;
      form.reset();
    });
  }

  ({ customers: listPage, 'customer-file': filePage, 'customer-handover': handoverPage, 'customer-import': importPage })[kind]?.();
})();
