// The daily and monthly reports' charts (Chart.js): the page renders the figures on the server and hands the chart
// series over in data-charts, so the charts and the tables always show the same numbers.
(() => {
  const root = document.querySelector('.reports-page');
  if (!root || !window.Chart) return;
  const charts = JSON.parse(root.dataset.charts || '{}');
  const base = { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } };
  const percent = { y: { beginAtZero: true, max: 100, ticks: { callback: v => v + '%' } } };
  const draw = (name, config) => {
    const canvas = root.querySelector(`canvas[data-chart="${name}"]`);
    if (canvas && charts[name]) new Chart(canvas, config(charts[name]));
  };
  draw('hours', c => ({ type: 'bar', data: { labels: c.labels, datasets: [{ label: c.label, data: c.values, backgroundColor: '#0d6efd' }] }, options: { ...base, scales: percent } }));
  draw('managers', c => ({ type: 'bar', data: { labels: c.labels, datasets: [{ label: c.label, data: c.values, backgroundColor: '#198754' }] }, options: { ...base, indexAxis: 'y' } }));
  draw('types', c => ({ type: 'bar', data: { labels: c.labels, datasets: [{ label: c.label, data: c.values, backgroundColor: '#6f42c1' }] }, options: base }));
  draw('days', c => ({
    type: 'line',
    data: { labels: c.labels, datasets: [{ label: c.label, data: c.values, borderColor: '#0d6efd' }, { label: c.budgetLabel, data: c.budget, borderColor: '#adb5bd', borderDash: [4, 4], pointRadius: 0 }] },
    options: { ...base, plugins: { legend: { display: true } } },
  }));
  draw('occupancy', c => ({ type: 'bar', data: { labels: c.labels, datasets: [{ label: c.label, data: c.values, backgroundColor: '#0d6efd' }] }, options: { ...base, scales: percent } }));
})();
