// The person's page: consents that take effect at once, export, and account deletion.
(function () {
  'use strict';
  const list = document.getElementById('consents');
  const status = document.getElementById('status');

  const call = window.ooApi.call;
  if (new URLSearchParams(window.location.search).has('welcome')) {
    document.getElementById('welcome').hidden = false;
  }

  function render(consents) {
    list.replaceChildren();
    consents.forEach((c) => {
      const item = document.createElement('li');
      const label = document.createElement('label');
      label.className = 'switch';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = c.granted;
      box.dataset.topic = c.topic;
      box.setAttribute('role', 'switch');
      box.setAttribute('aria-checked', String(c.granted));
      const name = document.createElement('span');
      name.className = 'topic';
      name.textContent = c.topic + (c.kind === 'purpose' ? ' (purpose)' : '');
      const meaning = document.createElement('span');
      meaning.className = 'meaning';
      meaning.textContent = c.meaning;
      label.append(box, name, ' ', meaning);
      item.append(label);
      list.append(item);
    });
  }

  list.addEventListener('change', async (e) => {
    const box = e.target;
    if (!box.dataset.topic) { return; }
    box.disabled = true;
    try {
      const state = await call('PUT', '/api/consents/' + encodeURIComponent(box.dataset.topic), { granted: box.checked });
      box.setAttribute('aria-checked', String(state.granted));
      status.textContent = (state.granted ? 'Allowed: ' : 'Stopped: ') + state.topic;
    } catch (err) {
      box.checked = !box.checked;
      status.textContent = 'Not changed: ' + err.message;
    } finally {
      box.disabled = false;
    }
  });

  const confirmInput = document.getElementById('delete-confirm');
  const deleteButton = document.getElementById('delete-button');
  confirmInput.addEventListener('input', () => { deleteButton.disabled = confirmInput.value.trim() !== 'delete'; });
  deleteButton.addEventListener('click', async () => {
    deleteButton.disabled = true;
    try {
      await call('DELETE', '/api/me');
      document.getElementById('delete-status').textContent = 'Your account is being deleted. Signing you out…';
      window.setTimeout(() => window.location.assign('/login?signedOut'), 1500);
    } catch (err) {
      document.getElementById('delete-status').textContent = 'Not deleted: ' + err.message;
      deleteButton.disabled = false;
    }
  });

  call('GET', '/api/consents').then((answer) => { if (answer) { render(answer.consents); } })
    .catch((err) => { status.textContent = 'Consents could not be loaded: ' + err.message; });
}());
