// The "Connected services" section of the person's page: connect Todoist (the browser goes through
// /integrations/todoist/connect), its status and last sync, sync now, disconnect.
(function () {
  'use strict';
  const list = document.getElementById('integrations-list');
  const message = document.getElementById('integrations-message');
  const call = window.ooApi.call;

  const OUTCOMES = {
    connected: 'Todoist is connected. The first sync is under way.',
    denied: 'Todoist was not connected: access was not granted. Nothing was stored.',
    'bad-state': 'Todoist was not connected: the answer did not match a connect you started. Nothing was stored. Please try again.',
    expired: 'Todoist was not connected: the connect took too long. Nothing was stored. Please try again.',
    failed: 'Todoist was not connected: Todoist did not complete the exchange. Nothing was stored. Please try again later.',
    'no-consent': 'Todoist was not connected: allow "tasks" under "What oO may use" first. Nothing was stored.',
    unavailable: 'Todoist cannot be connected on this server: it is not configured.'
  };

  function when(at) {
    return at ? new Date(at).toLocaleString() : 'not yet';
  }

  function button(text, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  function connectLink(text) {
    const a = document.createElement('a');
    a.href = '/integrations/todoist/connect';
    a.className = 'connect';
    a.textContent = text;
    return a;
  }

  function render(answer) {
    list.replaceChildren();
    const provider = answer.providers.find((p) => p.provider === 'todoist');
    const todoist = answer.integrations.find((i) => i.provider === 'todoist');
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'topic';
    name.textContent = 'Todoist';
    const state = document.createElement('span');
    state.className = 'meaning';
    item.append(name, state);
    if (todoist && todoist.status !== 'revoked') {
      state.textContent = (todoist.status === 'needs-reconnect' ? 'Needs a new connection' : 'Connected')
        + ' since ' + when(todoist.connectedAt) + '. Last sync: ' + when(todoist.lastSyncAt)
        + (todoist.lastSyncOutcome ? ' (' + todoist.lastSyncOutcome + ')' : '') + '.';
      const actions = document.createElement('p');
      if (todoist.status === 'needs-reconnect') {
        actions.append(connectLink('Connect Todoist again'), ' ');
      } else {
        actions.append(button('Sync Todoist now', syncNow), ' ');
      }
      actions.append(button('Disconnect Todoist', disconnect));
      item.append(actions);
    } else if (provider && provider.available) {
      state.textContent = 'Not connected.';
      const actions = document.createElement('p');
      actions.append(connectLink('Connect Todoist'));
      item.append(actions);
    } else {
      state.textContent = 'Not available on this server.';
    }
    list.append(item);
  }

  async function refresh() {
    try {
      const answer = await call('GET', '/api/integrations');
      if (answer) { render(answer); }
    } catch (err) {
      message.textContent = 'Connected services could not be loaded: ' + err.message;
    }
  }

  async function syncNow(e) {
    e.target.disabled = true;
    try {
      await call('POST', '/api/integrations/todoist/sync');
      message.textContent = 'Todoist sync started.';
      window.setTimeout(refresh, 3000);
    } catch (err) {
      message.textContent = 'Sync not started: ' + err.message;
    } finally {
      e.target.disabled = false;
    }
  }

  async function disconnect(e) {
    e.target.disabled = true;
    try {
      const answer = await call('DELETE', '/api/integrations/todoist');
      message.textContent = answer && answer.revokedAtProvider
        ? 'Todoist is disconnected and oO\'s access was revoked.'
        : 'Todoist is disconnected; oO forgot its access (Todoist did not confirm the revocation).';
      await refresh();
    } catch (err) {
      message.textContent = 'Not disconnected: ' + err.message;
      e.target.disabled = false;
    }
  }

  // Back from Todoist: say how the connect went, and move the focus there once the section is drawn.
  const outcome = new URLSearchParams(window.location.search).get('todoist');
  if (outcome && OUTCOMES[outcome]) {
    message.textContent = OUTCOMES[outcome];
    window.history.replaceState(null, '', '/me#integrations');
  }
  refresh().then(() => { if (outcome && OUTCOMES[outcome]) { message.focus(); } });
}());
