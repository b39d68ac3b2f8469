// The compliance console: erasures with their evidence, replay one or all, evidence download.
(function () {
  'use strict';
  const call = window.ooApi.call;
  const rows = document.getElementById('erasure-rows');
  const status = document.getElementById('status');
  const replayAllButton = document.getElementById('replay-all');
  const progress = document.getElementById('replay-progress');
  const bar = document.getElementById('replay-bar');
  const progressText = document.getElementById('replay-progress-text');
  let erasures = [];

  function when(iso) {
    return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—';
  }

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) { td.className = className; }
    return td;
  }

  function evidenceTable(erasure) {
    const table = document.createElement('table');
    table.className = 'evidence';
    const head = table.createTHead().insertRow();
    ['time', 'step', 'outcome', 'detail'].forEach((name) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      head.append(th);
    });
    const body = table.createTBody();
    erasure.evidence.forEach((e) => {
      const tr = body.insertRow();
      tr.dataset.replay = String(e.replay);
      tr.dataset.runId = e.runId;
      tr.append(cell(when(e.at)), cell(e.step, 'step'), cell(e.outcome, 'outcome'), cell(e.detail || ''));
    });
    return table;
  }

  function render() {
    rows.replaceChildren();
    if (erasures.length === 0) {
      const tr = rows.insertRow();
      const td = cell('No erasure has been asked for.', 'dim');
      td.colSpan = 6;
      tr.append(td);
    }
    erasures.slice().reverse().forEach((erasure) => {
      const tr = rows.insertRow();
      tr.className = 'erasure';
      tr.dataset.personId = erasure.personId;
      tr.dataset.erasureId = erasure.erasureId;
      const state = cell(erasure.status, 'erasure-status');
      state.dataset.status = erasure.status;
      const actions = document.createElement('td');
      const replay = document.createElement('button');
      replay.type = 'button';
      replay.className = 'replay';
      replay.textContent = 'Replay';
      replay.setAttribute('aria-label', 'Replay the erasure of person ' + erasure.personId);
      replay.addEventListener('click', () => replayOne(erasure.personId, replay));
      actions.append(replay);
      tr.append(cell(erasure.personId, 'person'), cell(when(erasure.requestedAt)), cell(erasure.requestedBy || ''),
        state, cell(when(erasure.erasedAt)), actions);

      const evidenceRow = rows.insertRow();
      evidenceRow.className = 'evidence-row';
      evidenceRow.dataset.personId = erasure.personId;
      const holder = document.createElement('td');
      holder.colSpan = 6;
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      const replays = new Set(erasure.evidence.filter((e) => e.replay).map((e) => e.runId)).size;
      summary.textContent = erasure.evidence.length + ' evidence steps, ' + replays + (replays === 1 ? ' replay' : ' replays');
      details.append(summary, evidenceTable(erasure));
      holder.append(details);
      evidenceRow.append(holder);
    });
    replayAllButton.disabled = erasures.length === 0;
  }

  async function load() {
    const answer = await call('GET', '/admin/api/erasures');
    if (!answer) { return; }
    erasures = answer.erasures;
    render();
  }

  async function replayOne(personId, button) {
    button.disabled = true;
    status.textContent = 'Replaying the erasure of ' + personId + '…';
    try {
      const result = await call('POST', '/admin/api/erasures/' + encodeURIComponent(personId) + '/replay');
      status.textContent = 'Replayed ' + personId + ': ' + result.steps.map((s) => s.step + ' ' + s.outcome).join(', ');
      await load();
      const row = rows.querySelector('tr.evidence-row[data-person-id="' + CSS.escape(personId) + '"] details');
      if (row) { row.open = true; }
    } catch (err) {
      status.textContent = 'Replay of ' + personId + ' failed: ' + err.message;
      button.disabled = false;
    }
  }

  // One request per person, so the page can show done, total, rate and time left.
  async function replayAll() {
    const persons = Array.from(new Set(erasures.map((e) => e.personId)));
    replayAllButton.disabled = true;
    progress.hidden = false;
    bar.max = persons.length;
    bar.value = 0;
    const started = performance.now();
    const failed = [];
    for (let i = 0; i < persons.length; i++) {
      try {
        await call('POST', '/admin/api/erasures/' + encodeURIComponent(persons[i]) + '/replay');
      } catch (err) {
        failed.push(persons[i] + ' (' + err.message + ')');
      }
      const done = i + 1;
      const seconds = (performance.now() - started) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const eta = (persons.length - done) / rate;
      bar.value = done;
      progressText.textContent = done + ' of ' + persons.length + ' replayed · ' + rate.toFixed(1)
        + ' per second · ' + (done === persons.length ? 'done' : 'about ' + Math.ceil(eta) + ' s left');
    }
    status.textContent = failed.length === 0 ? 'Every erasure replayed.' : 'Not replayed: ' + failed.join(', ');
    await load();
  }

  replayAllButton.addEventListener('click', () => { replayAll().catch((err) => { status.textContent = err.message; }); });
  load().catch((err) => { status.textContent = 'Erasures could not be read: ' + err.message; });
}());
