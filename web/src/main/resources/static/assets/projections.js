// The analyst console's projections section: every projection with its position, lag and status; a
// rebuild per projection with its live progress (done/total, rate, ETA); an as-of snapshot into a
// named schema; and the events a projection could not handle (dead letters), retried or evicted.
// Everything goes through /admin/api/projections (docs/api/admin-projections.yaml).
(function () {
  'use strict';
  const API = '/admin/api/projections';
  const FINAL = ['done', 'failed', 'cancelled'];
  const call = window.ooApi.call;
  const polling = new Map();
  let root;
  let names = [];

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function clock(seconds) {
    if (seconds === null || seconds === undefined) { return '?'; }
    const s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 3600) + ':' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + ':'
      + String(s % 60).padStart(2, '0');
  }

  function lag(p) {
    return p.lagEvents === 0 ? 'caught up' : p.lagEvents + ' events · ' + p.lagSeconds.toFixed(1) + ' s';
  }

  function progressText(r) {
    const parts = [r.state, r.eventsDone + '/' + r.eventsTotal, Math.round(r.eventsPerSecond) + '/s'];
    if (!FINAL.includes(r.state)) { parts.push('ETA ' + clock(r.etaSeconds)); }
    if (r.snapshot) { parts.push('into ' + r.snapshot + (r.asOf ? ' as of ' + r.asOf : '')); }
    if (r.error) { parts.push(r.error); }
    return parts.join(' · ');
  }

  function build() {
    root.replaceChildren();
    root.append(el('p', 'Each projection keeps its tables from the event store. A rebuild replays the store into fresh'
      + ' tables while the live ones keep serving, then swaps them in (ADR-0007).', { class: 'notice' }));

    const table = el('table', null, { class: 'grid', id: 'projection-table' });
    const head = el('tr');
    ['projection', 'status', 'position', 'lag', 'rebuild'].forEach((h) => head.append(el('th', h, { scope: 'col' })));
    table.append(el('caption', 'Projections', { class: 'visually-hidden' }), el('thead'), el('tbody', null, { id: 'projection-rows' }));
    table.tHead.append(head);
    table.tBodies[0].append(loadingRow(5, 'asking the query side…'));
    root.append(table);
    root.append(el('p', '', { id: 'projection-status', class: 'notice', role: 'status', 'aria-live': 'polite' }));

    root.append(el('h3', 'Snapshot as of an instant'));
    root.append(el('p', 'Writes a projection\'s tables, with the events up to the instant, into a new schema that'
      + ' ml/pipelines can read; the live tables are untouched.', { class: 'notice' }));
    const form = el('form', null, { id: 'snapshot-form', class: 'simulation-form' });
    const projection = el('select', null, { id: 'snapshot-projection', name: 'projection' });
    const asOf = el('input', null, { id: 'snapshot-as-of', name: 'asOf', type: 'datetime-local', step: '1', required: '' });
    const schema = el('input', null, { id: 'snapshot-schema', name: 'snapshot', required: '', autocomplete: 'off',
      spellcheck: 'false', pattern: '[a-z_][a-z0-9_]{0,62}', placeholder: 'asof_2026_11_01' });
    form.append(labelled('Projection', projection), labelled('Instant (your time zone)', asOf),
      labelled('Schema name', schema), el('button', 'Write snapshot', { type: 'submit', id: 'snapshot-start' }),
      el('p', '', { id: 'snapshot-status', class: 'notice', role: 'status', 'aria-live': 'polite' }));
    form.addEventListener('submit', (e) => { e.preventDefault(); snapshot(); });
    root.append(form);

    root.append(el('h3', 'Dead letters'));
    root.append(el('p', 'Events a projection could not handle wait here, with the person\'s later events queued behind'
      + ' them; other persons\' events flow on (ADR-0015). Retry once the cause is fixed.', { class: 'notice' }));
    const letters = el('table', null, { class: 'grid', id: 'dead-letter-table' });
    const lhead = el('tr');
    ['projection', 'sequence', 'event', 'position', 'cause', 'enqueued', 'retries', '']
      .forEach((h) => lhead.append(el('th', h, { scope: 'col' })));
    letters.append(el('caption', 'Dead letters', { class: 'visually-hidden' }), el('thead'), el('tbody', null, { id: 'dead-letter-rows' }));
    letters.tHead.append(lhead);
    letters.tBodies[0].append(loadingRow(8, 'none'));
    root.append(letters);
    root.append(el('p', '', { id: 'dead-letter-status', class: 'notice', role: 'status', 'aria-live': 'polite' }));
  }

  function labelled(text, input) {
    const label = el('label', text + ' ');
    label.append(input);
    return label;
  }

  function loadingRow(span, text) {
    const tr = el('tr');
    tr.append(el('td', text, { colspan: String(span), class: 'dim' }));
    return tr;
  }

  function rebuildCell(p) {
    const td = el('td', null, { class: 'rebuild' });
    const button = el('button', 'Rebuild', { type: 'button', 'data-rebuild': p.name, 'aria-label': 'Rebuild ' + p.name });
    button.addEventListener('click', () => rebuild(p.name, null));
    const bar = el('progress', null, { max: '100', value: '0', 'aria-label': 'rebuild progress of ' + p.name, hidden: '' });
    const text = el('span', '', { class: 'rebuild-state', 'aria-live': 'polite' });
    td.append(button, bar, text);
    if (p.rebuild) { showRebuild(td, p.rebuild); }
    return td;
  }

  function showRebuild(td, r) {
    const bar = td.querySelector('progress');
    bar.hidden = false;
    bar.value = r.eventsTotal > 0 ? Math.round(100 * r.eventsDone / r.eventsTotal) : (r.state === 'done' ? 100 : 0);
    td.querySelector('.rebuild-state').textContent = progressText(r);
    td.querySelector('.rebuild-state').dataset.state = r.state;
    td.querySelector('button').disabled = !FINAL.includes(r.state);
    if (!FINAL.includes(r.state)) { follow(r.projection, r.rebuildId); }
  }

  function row(name) {
    return root.querySelector('tr[data-projection="' + CSS.escape(name) + '"]');
  }

  async function refresh() {
    try {
      const view = await call('GET', API);
      if (!view) { return; }
      names = view.projections.map((p) => p.name);
      const rows = document.getElementById('projection-rows');
      rows.replaceChildren();
      view.projections.forEach((p) => {
        const tr = el('tr', null, { 'data-projection': p.name, 'data-status': p.status });
        tr.append(el('th', p.name, { scope: 'row' }),
          el('td', p.status + (p.replaying ? ' · replaying' : '') + (p.error ? ' · ' + p.error : '')),
          el('td', p.position === null ? '–' : String(p.position)), el('td', lag(p)), rebuildCell(p));
        rows.append(tr);
      });
      const select = document.getElementById('snapshot-projection');
      if (select.options.length !== names.length) {
        select.replaceChildren(...names.map((n) => el('option', n, { value: n })));
      }
      document.getElementById('projection-status').textContent = 'store head ' + view.head;
    } catch (e) {
      document.getElementById('projection-status').textContent = 'Projections unavailable: ' + e.message;
    }
  }

  async function rebuild(name, body) {
    const status = document.getElementById(body ? 'snapshot-status' : 'projection-status');
    try {
      const started = await call('POST', API + '/' + encodeURIComponent(name) + '/rebuilds', body || undefined);
      if (!started) { return; }
      status.textContent = (body ? 'Snapshot' : 'Rebuild') + ' of ' + name + ' started.';
      const tr = row(name);
      if (tr) { showRebuild(tr.querySelector('td.rebuild'), started); }
    } catch (e) {
      status.textContent = (body ? 'Snapshot' : 'Rebuild') + ' of ' + name + ' refused: ' + e.message
        + (e.problem && e.problem.field ? ' (' + e.problem.field + ')' : '');
    }
  }

  function follow(name, id) {
    if (polling.has(id)) { return; }
    const url = API + '/' + encodeURIComponent(name) + '/rebuilds/' + encodeURIComponent(id);
    const timer = setInterval(async () => {
      try {
        const r = await call('GET', url);
        const tr = row(name);
        if (r && tr) { showRebuild(tr.querySelector('td.rebuild'), r); }
        if (!r || FINAL.includes(r.state)) {
          clearInterval(timer);
          polling.delete(id);
          refresh();
        }
      } catch (e) {
        clearInterval(timer);
        polling.delete(id);
      }
    }, 1000);
    polling.set(id, timer);
  }

  function snapshot() {
    const local = document.getElementById('snapshot-as-of').value;
    const when = new Date(local);
    if (!local || Number.isNaN(when.getTime())) {
      document.getElementById('snapshot-status').textContent = 'Choose an instant.';
      return;
    }
    rebuild(document.getElementById('snapshot-projection').value,
      { asOf: when.toISOString(), snapshot: document.getElementById('snapshot-schema').value.trim() });
  }

  async function refreshDeadLetters() {
    const rows = document.getElementById('dead-letter-rows');
    const found = [];
    const counts = [];
    try {
      const view = await call('GET', API + '/dead-letters?limit=100');
      if (!view) { return; }
      view.queues.filter((q) => q.total > 0).forEach((q) => {
        counts.push({ name: q.projection, total: q.total });
        q.deadLetters.forEach((letter) => found.push(Object.assign({ projection: q.projection }, letter)));
      });
    } catch (e) {
      document.getElementById('dead-letter-status').textContent = 'Dead letters unavailable: ' + e.message;
      return;
    }
    rows.replaceChildren();
    if (found.length === 0) { rows.append(loadingRow(8, 'none: every projection handled every event')); }
    found.forEach((letter) => {
      const tr = el('tr', null, { 'data-dead-letter': letter.deadLetterId, 'data-projection': letter.projection });
      const actions = el('td');
      if (letter.causeType) {
        const retry = el('button', 'Retry', { type: 'button', 'data-retry': letter.sequenceId,
          'aria-label': 'Retry sequence ' + letter.sequenceId + ' of ' + letter.projection });
        retry.addEventListener('click', () => retrySequence(letter.projection, letter.sequenceId));
        actions.append(retry);
      }
      const evict = el('button', 'Evict', { type: 'button', 'aria-label': 'Evict letter ' + letter.deadLetterId });
      evict.addEventListener('click', () => evictLetter(letter.projection, letter.deadLetterId));
      actions.append(evict);
      tr.append(el('td', letter.projection), el('td', letter.sequenceId + ' #' + letter.sequenceIndex),
        el('td', letter.eventType), el('td', letter.globalIndex === null ? '–' : String(letter.globalIndex)),
        el('td', letter.causeType ? letter.cause : 'queued behind'), el('td', new Date(letter.enqueuedAt).toLocaleString()),
        el('td', String(letter.retries)), actions);
      rows.append(tr);
    });
    const status = document.getElementById('dead-letter-status');
    status.replaceChildren();
    counts.forEach(({ name, total }) => {
      const all = el('button', 'Retry all of ' + name + ' (' + total + ')', { type: 'button', 'data-retry-all': name });
      all.addEventListener('click', () => retryAll(name));
      status.append(all, ' ');
    });
  }

  async function retrySequence(name, sequenceId) {
    await retry(name, { sequenceId });
  }

  async function retryAll(name) {
    await retry(name, undefined);
  }

  async function retry(name, body) {
    const status = document.getElementById('dead-letter-status');
    try {
      const result = await call('POST', API + '/' + encodeURIComponent(name) + '/dead-letters/retries', body);
      if (result) {
        status.textContent = name + ': ' + result.sequencesCleared + ' of ' + result.sequencesRetried
          + ' sequence(s) cleared, ' + result.remaining + ' letter(s) left.';
      }
    } catch (e) {
      status.textContent = 'Retry refused: ' + e.message;
    }
    refreshDeadLetters();
  }

  async function evictLetter(name, id) {
    try {
      await call('DELETE', API + '/' + encodeURIComponent(name) + '/dead-letters/' + encodeURIComponent(id));
    } catch (e) {
      document.getElementById('dead-letter-status').textContent = 'Eviction refused: ' + e.message;
    }
    refreshDeadLetters();
  }

  async function start() {
    root = document.getElementById('projections-content');
    if (!root) { return; }
    build();
    await refresh();
    await refreshDeadLetters();
    setInterval(() => { if (polling.size === 0) { refresh(); } }, 5000);
    setInterval(refreshDeadLetters, 10000);
  }

  document.addEventListener('DOMContentLoaded', start);
})();
