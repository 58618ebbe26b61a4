// The staff page's edit dialog: filled from the pressed row's data attributes, posted as a plain form (Index.cshtml).
(() => {
  const dialog = document.getElementById('edit-staff');
  if (!dialog) return;
  const form = dialog.querySelector('form');
  dialog.addEventListener('show.bs.modal', event => {
    const row = event.relatedTarget?.dataset;
    if (!row) return;
    dialog.querySelector('.modal-title').textContent = dialog.dataset.title.replace('{0}', row.badge);
    form.elements.badge.value = row.badge;
    form.elements['Input.Name'].value = row.name;
    const roles = row.roles ? row.roles.split(',') : [];
    form.querySelectorAll('input[name="Input.Roles"]').forEach(box => { box.checked = roles.includes(box.value); });
    const department = form.elements['Input.Department'];
    // A person still in a retired department keeps it in the picker: an edit of their name must not move them.
    if (row.department && ![...department.options].some(o => o.value === row.department)) {
      const kept = document.createElement('option');
      kept.value = kept.textContent = row.department;
      department.append(kept);
    }
    department.value = row.department || '';
    const manager = form.elements['Input.ManagerBadge'];
    manager.value = row.manager || '';
  });
})();
