// The checklists on the phone, /checklists (SPEC.md "Diary, meetings, checklists, shift handover"): a room inspection
// per room and the night's closing round (收档), item by item — a failed item with its note, a photo and, in a room
// inspection, the room out of service on the live board until marked fixed — and the GM's templates. The API decides;
// this shows what it says.
(function () {
  'use strict';
  const E = window.Encore;
  const { t, h, page: root } = E;
  const pageError = root.querySelector(':scope > [data-part=error]');
  const today = E.today;

  // ---- tabs: one section at a time ----
  const tabs = root.querySelectorAll('[data-tab]');
  tabs.forEach(tab => tab.addEventListener('click', () => {
    tabs.forEach(other => other.classList.toggle('active', other === tab));
    root.querySelectorAll('[data-pane]').forEach(pane => { pane.hidden = pane.dataset.pane !== tab.dataset.tab; });
  }));

  /** A phone photo scaled to at most 1280 px as a JPEG (a few hundred KB); the original when the browser cannot. */
  async function scaled(file) {
    try {
      const bitmap = await createImageBitmap(file);
      const ratio = Math.min(1, 1280 / Math.max(bitmap.width, bitmap.height));
      const canvas = h('canvas', { width: Math.round(bitmap.width * ratio), height: Math.round(bitmap.height * ratio) });
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', 0.8));
      return blob || file;
    } catch {
      return file;
    }
  }

  async function uploadPhoto(run, item, file, key) {
    const form = new FormData();
    form.append('photo', await scaled(file), 'photo.jpg');
    return E.api('POST', `/api/checklists/runs/${run.id}/items/${item.id}/photo`, form, key);
  }

  /** One item: its state, and while the run's night lasts, ok / failed (note, photo, out of service) and fixed. */
  function itemRow(run, item, replace) {
    const open = run.businessDay === today;
    const state = {};
    const li = h('li', { class: 'list-group-item', dataset: { item: item.id, ok: item.ok === null ? '' : String(item.ok), testid: 'item' } },
      h('div', { class: 'd-flex gap-2 align-items-baseline' },
        h('span', { class: 'text-muted small' }, item.position),
        h('span', { class: 'flex-grow-1', dataset: { part: 'text' } }, item.text),
        item.ok === true ? h('span', { class: 'badge text-bg-success', dataset: { part: 'result' } }, t('checklists.ok')) : null,
        item.ok === false ? h('span', { class: 'badge text-bg-danger', dataset: { part: 'result' } }, t('checklists.fail')) : null));
    if (item.ok !== null) {
      li.append(h('div', { class: 'small text-muted' },
        [item.note, t('checklists.checkedBy', item.checkedByBadge || '', E.hhmm(item.checkedAt))].filter(Boolean).join(' · ')));
    }
    if (item.photoUrl) li.append(h('a', { class: 'small me-2', href: item.photoUrl, target: '_blank', rel: 'noopener', dataset: { testid: 'photo-link' } }, t('checklists.photoShown')));
    if (item.outOfService) {
      const fixed = h('button', { type: 'button', class: 'btn btn-sm btn-outline-success ms-2', dataset: { testid: 'item-fixed' } }, t('checklists.fixed'));
      fixed.addEventListener('click', () => E.send(state, 'fixed', key => E.api('POST', `/api/checklists/runs/${run.id}/items/${item.id}/fixed`, undefined, key), {
        buttons: [fixed], then: r => (r.ok ? replace(r.data) : E.showError(pageError, r.problem)),
      }));
      li.append(h('div', { class: 'mt-1' }, h('span', { class: 'badge text-bg-warning', dataset: { testid: 'out-of-service' } }, t('checklists.outOfServiceNow')), fixed));
    } else if (item.fixedAt) {
      li.append(h('div', { class: 'small text-success' }, t('checklists.fixedBy', item.fixedByBadge || '', E.dayTime(item.fixedAt))));
    }
    if (!open || item.outOfService) return li;

    const ok = h('button', { type: 'button', class: 'btn btn-sm btn-outline-success', dataset: { testid: 'item-ok' } }, t('checklists.ok'));
    const fail = h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', dataset: { testid: 'item-fail' } }, t('checklists.fail'));
    const form = h('form', { class: 'mt-2', dataset: { form: 'fail' }, novalidate: true, hidden: true },
      h('div', { class: 'alert alert-danger py-2', dataset: { part: 'error' }, hidden: true }),
      h('textarea', { class: 'form-control form-control-sm mb-1', name: 'note', rows: 2, maxlength: 500, placeholder: t('field.note'), 'aria-label': t('field.note') }, item.ok === false ? item.note : ''),
      h('div', { class: 'field-error', dataset: { errorFor: 'note' } }),
      run.template === 'roomInspection'
        ? h('label', { class: 'form-check small mb-1' }, h('input', { class: 'form-check-input', type: 'checkbox', name: 'outOfService' }), ' ', t('checklists.outOfService'))
        : null,
      h('div', { class: 'field-error', dataset: { errorFor: 'outOfService' } }),
      h('label', { class: 'small d-block mb-1' }, t('checklists.photo'),
        h('input', { class: 'form-control form-control-sm', type: 'file', name: 'photo', accept: 'image/jpeg,image/png', capture: 'environment' })),
      h('div', { class: 'field-error', dataset: { errorFor: 'photo' } }),
      h('button', { type: 'submit', class: 'btn btn-sm btn-danger w-100' }, t('checklists.failDo')));
    ok.addEventListener('click', () => E.send(state, 'ok', key => E.api('PUT', `/api/checklists/runs/${run.id}/items/${item.id}`, { ok: true }, key), {
      buttons: [ok, fail], then: r => (r.ok ? replace(r.data) : E.showError(pageError, r.problem)),
    }));
    fail.addEventListener('click', () => { form.hidden = !form.hidden; E.freshForm(form); });
    E.submitOnce(form, async (f, key) => {
      const answer = await E.api('PUT', `/api/checklists/runs/${run.id}/items/${item.id}`, {
        ok: false, note: f.elements.note.value.trim() || null, outOfService: f.elements.outOfService ? f.elements.outOfService.checked : null,
      }, key);
      const file = f.elements.photo.files[0];
      if (!answer.ok || !file) return answer;
      // The failure is recorded; the photo follows (its own refusal names the photo field).
      const photo = await uploadPhoto(run, item, file, key + '-photo');
      return photo.ok ? photo : { ...photo, recorded: answer.data };
    }, data => replace(data));
    li.append(h('div', { class: 'd-flex gap-2 mt-1' }, ok, fail), form);
    return li;
  }

  /** A run: a room's inspection or the night's closing round, its status and items. */
  function runCard(run) {
    const card = h('div', { class: 'card mb-3', dataset: { run: run.id, room: run.roomNumber || '', status: run.status, testid: 'run' } });
    const replace = data => card.replaceWith(runCard(data));
    card.append(
      h('div', { class: 'card-header d-flex gap-2 align-items-baseline' },
        h('strong', null, run.roomNumber ? t('checklists.room', run.roomNumber) : t('checklists.template.closing')),
        h('span', { class: 'small text-muted' }, t('checklists.startedBy', run.startedByBadge || '', E.hhmm(run.startedAt))),
        h('span', { class: 'ms-auto badge text-bg-' + (run.status === 'complete' ? 'success' : 'secondary'), dataset: { part: 'status' } }, t('checklists.status.' + run.status))),
      h('ul', { class: 'list-group list-group-flush' }, run.items.map(item => itemRow(run, item, replace))));
    return card;
  }

  async function loadRuns(template, box) {
    const result = await E.api('GET', '/api/checklists/runs?template=' + template);
    if (!result.ok) { E.showError(pageError, result.problem); return; }
    const runs = result.data.slice().reverse();
    box.replaceChildren(...(runs.length ? runs.map(runCard) : [h('p', { class: 'text-muted small' }, t('checklists.none'))]));
  }

  // ---- room inspection ----
  const inspections = E.part('inspection-runs');
  const start = root.querySelector('[data-form=start]');
  E.submitOnce(start, (f, key) => E.api('POST', '/api/checklists/runs', { template: 'roomInspection', roomNumber: f.elements.roomNumber.value.trim() || null }, key), (run, f) => {
    f.reset();
    const none = inspections.querySelector('p');
    if (none) none.remove();
    inspections.prepend(runCard(run));
  });

  // ---- the closing round ----
  const closingState = E.part('closing-state');
  const closingRuns = E.part('closing-runs');
  const startClosing = root.querySelector('[data-form=start-closing]');
  async function loadClosing() {
    const result = await E.api('GET', '/api/checklists/closing');
    if (!result.ok) { E.showError(pageError, result.problem); return; }
    const c = result.data;
    closingState.dataset.state = c.state;
    closingState.replaceChildren(
      h('strong', null, t('checklists.closing.' + c.state)),
      h('div', { class: 'small text-muted' }, t('checklists.closing.dueBy', E.hhmm(c.dueBy), E.hhmm(c.remindAt))),
      c.remindedAt ? h('div', { class: 'small text-danger' }, t('checklists.closing.reminded', E.hhmm(c.remindedAt))) : null);
    startClosing.hidden = c.state !== 'notStarted';
    await loadRuns('closing', closingRuns);
  }
  E.submitOnce(startClosing, (f, key) => E.api('POST', '/api/checklists/runs', { template: 'closing' }, key), () => loadClosing());

  // ---- the GM's templates ----
  const templates = E.part('templates');
  function templateForm(tpl) {
    const form = h('form', { class: 'card p-3 mb-3', dataset: { template: tpl.template, testid: 'template-' + tpl.template }, novalidate: true },
      h('h2', { class: 'h6' }, t('checklists.template.' + tpl.template)),
      h('div', { class: 'small text-muted mb-1', dataset: { part: 'version' } },
        t('checklists.templates.version', tpl.version, tpl.savedByBadge || '', E.dayTime(tpl.savedAt))),
      h('div', { class: 'alert alert-danger py-2', dataset: { part: 'error' }, hidden: true }),
      h('textarea', { class: 'form-control mb-1', name: 'items', rows: Math.max(4, tpl.items.length + 1), 'aria-label': t('field.items') }, tpl.items.join('\n')),
      h('div', { class: 'field-error', dataset: { errorFor: 'items' } }),
      h('button', { type: 'submit', class: 'btn btn-primary w-100' }, t('checklists.templates.save')),
      h('div', { class: 'small text-success mt-1', dataset: { part: 'flash' } }));
    E.submitOnce(form, (f, key) => E.api('PUT', '/api/checklists/templates/' + tpl.template,
      { items: f.elements.items.value.split('\n').map(s => s.trim()).filter(Boolean) }, key), data => {
      const fresh = templateForm(data);
      E.part('flash', fresh).textContent = t('checklists.templates.saved', data.version);
      form.replaceWith(fresh);
    });
    return form;
  }
  async function loadTemplates() {
    if (!templates) return;
    const result = await E.api('GET', '/api/checklists/templates');
    if (!result.ok) { E.showError(pageError, result.problem); return; }
    templates.replaceChildren(...result.data.map(templateForm));
  }

  loadRuns('roomInspection', inspections);
  loadClosing();
  loadTemplates();
})();
