// What the floor pages (approvals, card, standings, and the board's bill) add to live.js: money and rates as
// staff read them, and comps picked from the venue's catalogue (GET /api/catalogue), each prefilled at its price.
(function () {
  'use strict';
  const E = window.Encore;
  const { h } = E;
  const lang = document.documentElement.lang || 'zh-CN';
  const moneyFormat = new Intl.NumberFormat(lang, { minimumFractionDigits: 0, maximumFractionDigits: 2 });

  /** ¥12,800.5 */
  function money(n) { return '¥' + moneyFormat.format(Number(n || 0)); }

  /** 0.1234 → "12.3%" */
  function percent(fraction, digits) { return (Number(fraction || 0) * 100).toFixed(digits ?? 0) + '%'; }

  let catalogue = null;
  /** The active catalogue items, loaded once per page. */
  async function loadCatalogue() {
    if (catalogue) return catalogue;
    const answer = await E.api('GET', '/api/catalogue');
    if (!answer.ok) throw new Error('catalogue');
    catalogue = answer.data.filter(c => c.active);
    return catalogue;
  }

  function itemLabel(c) { return `${c.name} · ${money(c.price)}`; }

  /** Fills a <select> (or a <datalist>) with the catalogue, grouped by category. */
  function fillCatalogue(list, items, placeholder) {
    if (list.tagName === 'DATALIST') {
      list.replaceChildren(...items.map(c => h('option', { value: c.name }, itemLabel(c))));
      return;
    }
    const groups = new Map();
    for (const c of items) {
      if (!groups.has(c.category)) groups.set(c.category, []);
      groups.get(c.category).push(c);
    }
    list.replaceChildren(
      ...(placeholder ? [h('option', { value: '' }, placeholder)] : []),
      ...[...groups].map(([category, list]) => h('optgroup', { label: category || '—' }, list.map(c => h('option', { value: c.name }, itemLabel(c))))));
  }

  /** When a comp row's item changes to a catalogue name and its value is empty, the value becomes the price. */
  function prefillPrice(row, items) {
    const item = row.querySelector('[name=item]');
    const value = row.querySelector('[name=value]');
    const found = items.find(c => c.name === item.value.trim());
    if (found && value.value === '') value.value = String(found.price);
  }

  /** The comp rows of a form as the API takes them. */
  function compsOf(form) {
    return [...form.querySelectorAll('[data-comp]')].map(row => {
      const item = row.querySelector('[name=item]').value.trim();
      const value = row.querySelector('[name=value]').value;
      return { item: item || null, value: value === '' ? null : Number(value) };
    });
  }

  Object.assign(E, { money, percent, loadCatalogue, fillCatalogue, prefillPrice, compsOf });
})();
