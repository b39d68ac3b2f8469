// The analyst console: simulation runs with live progress, the policies with their online numbers,
// and the promotion of the shadow on a simulation's gate verdict. The projections section belongs
// to its own script.
(function () {
  'use strict';
  const SIMULATIONS = '/admin/api/simulations';
  const POLICIES = '/admin/api/policies';
  const $ = (id) => document.getElementById(id);
  let servingShadow = null;
  let runs = [];
  let runTimer = null;

  const call = window.ooApi.call;

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function num(value, digits) {
    return value === null || value === undefined || Number.isNaN(value) ? '–' : Number(value).toFixed(digits);
  }

  function pct(value) {
    return value === null || value === undefined ? '–' : (100 * value).toFixed(1) + '%';
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) { return '?'; }
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return h + ':' + String(m).padStart(2, '0') + ':' + String(s).padStart(2, '0');
  }

  function label(ref) {
    return ref ? ref.name + '@' + ref.version : '–';
  }

  // ---- policies ----

  function renderPolicies(view) {
    const rows = $('policy-rows');
    rows.replaceChildren();
    if (!view.serving) {
      const tr = el('tr');
      tr.append(el('td', 'ml/serving does not answer: ' + (view.servingError || ''), { colspan: '6', class: 'dim' }));
      rows.append(tr);
      servingShadow = null;
    } else {
      const live = view.currentShadow;
      [['incumbent', view.serving.incumbent], ['shadow', view.serving.shadow]].forEach(([role, p]) => {
        const tr = el('tr', null, { 'data-role': role });
        tr.append(el('td', role), el('td', p.name + '@' + p.version + (p.family !== p.name ? ' · ' + p.family : '')),
          el('td', String(p.updates)), el('td', String(p.online.decisions)),
          el('td', num(p.online.value, 3) + ' (' + p.online.estimator + ')'),
          el('td', role === 'shadow' && live ? pct(live.agreement) : '–'));
        rows.append(tr);
      });
      servingShadow = view.serving.shadow;
    }
    const live = view.currentShadow;
    $('live-shadow').textContent = live
      ? 'Decision log, ' + label(live.shadow) + ' beside ' + label(live.incumbent) + ': agrees on ' + pct(live.agreement)
        + ' of ' + live.decisions + ' decisions; ' + live.rewarded + ' rewarded; value ' + num(live.shadowValue, 3)
        + ' (IPS) vs ' + num(live.incumbentValue, 3) + ' (mean reward).'
      : 'The decision log has no decision of the current pairing yet.';
    const history = $('promotions');
    history.replaceChildren();
    view.promotions.forEach((p) => {
      history.append(el('li', p.promotedAt + ': ' + label(p.promoted) + ' replaced ' + label(p.previousIncumbent)
        + ' on ' + p.simulationId + ', by ' + p.promotedBy));
    });
    if (!view.promotions.length) { history.append(el('li', 'none yet')); }
    $('promote-button').textContent = servingShadow ? 'Promote ' + servingShadow.name : 'Promote';
    showVerdict();
  }

  async function refreshPolicies() {
    try {
      const view = await call('GET', POLICIES);
      if (view) { renderPolicies(view); }
    } catch (err) {
      $('live-shadow').textContent = 'Policies could not be loaded: ' + err.message;
    }
  }

  // ---- promotion ----

  function shadowName(labelText) {
    const at = labelText.lastIndexOf('@');
    return at < 0 ? labelText : labelText.substring(0, at);
  }

  function verdictFor(summary, policy) {
    const verdicts = (summary.gate && summary.gate.verdicts) || {};
    const specs = Object.keys(verdicts);
    let standing = specs.filter((s) => verdicts[s].shadow && shadowName(verdicts[s].shadow) === policy);
    if (!standing.length) { standing = specs.filter((s) => s === policy || s.split(':')[0] === policy); }
    standing.sort((a, b) => Number(verdicts[b].promote) - Number(verdicts[a].promote));
    return standing.length ? { spec: standing[0], verdict: verdicts[standing[0]] } : null;
  }

  async function showVerdict() {
    const list = $('verdict');
    const button = $('promote-button');
    const id = $('promote-simulation').value;
    list.replaceChildren();
    button.disabled = true;
    if (!id || !servingShadow) { return; }
    try {
      const summary = await call('GET', SIMULATIONS + '/' + encodeURIComponent(id) + '/summary');
      if (!summary || $('promote-simulation').value !== id) { return; }
      const found = verdictFor(summary, servingShadow.name);
      if (!found) {
        list.append(el('li', 'This simulation has no candidate standing for ' + servingShadow.name
          + ': run one with “the first candidate stands for the shadow”.', { class: 'verdict' }));
        return;
      }
      list.append(el('li', (found.verdict.promote ? 'The gate passes ' : 'The gate holds ') + found.spec
        + ' (shadow run ' + (found.verdict.shadow || 'none') + ')', { class: 'verdict', 'data-promote': String(found.verdict.promote) }));
      found.verdict.checks.forEach((c) => list.append(el('li', c.name + ': ' + c.detail, { 'data-passed': String(c.passed) })));
      button.disabled = !found.verdict.promote;
    } catch (err) {
      list.append(el('li', 'The summary could not be read: ' + err.message, { class: 'verdict' }));
    }
  }

  $('promote-simulation').addEventListener('change', showVerdict);

  $('promote-button').addEventListener('click', async () => {
    const id = $('promote-simulation').value;
    if (!id || !servingShadow) { return; }
    const button = $('promote-button');
    const status = $('promote-status');
    button.disabled = true;
    status.textContent = 'Promoting ' + servingShadow.name + '…';
    try {
      const accepted = await call('POST', POLICIES + '/promote', { policy: servingShadow.name, simulationId: id });
      status.textContent = 'Accepted: ' + label(accepted.promoted) + ' replaces ' + label(accepted.previousIncumbent)
        + '. ml/serving switches in a moment.';
      window.setTimeout(refreshPolicies, 1000);
    } catch (err) {
      status.textContent = 'Refused: ' + err.message;
      button.disabled = false;
    }
  });

  // ---- simulations ----

  function progressText(run) {
    const p = run.progress || {};
    if (run.status === 'queued') { return 'waiting for its turn'; }
    if (!p.stage) { return run.status === 'running' ? 'starting…' : ''; }
    const parts = [p.stage + ' ' + p.done + (p.total !== null && p.total !== undefined ? '/' + p.total : '')];
    if (p.percent !== null && p.percent !== undefined) { parts.push(p.percent.toFixed(0) + '%'); }
    if (p.ratePerSecond) { parts.push(Math.round(p.ratePerSecond).toLocaleString('en') + '/s'); }
    if (run.status === 'running') { parts.push('ETA ' + duration(p.etaSeconds)); }
    if (p.stagesDone && p.stagesDone.length) { parts.push('done: ' + p.stagesDone.join(', ')); }
    return parts.join(' · ');
  }

  function renderRun(run) {
    const item = el('li', null, { 'data-run': run.id, 'data-status': run.status });
    const head = el('div', null, { class: 'run-head' });
    head.append(el('span', run.id, { class: 'run-id' }), el('span', run.status, { class: 'run-status', 'data-status': run.status }),
      el('span', run.request.schema + ' · ' + (run.request.policies.join(', ') || 'default policies'), { class: 'dim' }));
    if (run.links.report) {
      head.append(el('a', 'report', { href: run.links.report, target: '_blank', rel: 'noopener', class: 'report-link' }));
      head.append(el('a', 'summary.json', { href: run.links.summary, target: '_blank', rel: 'noopener' }));
    }
    item.append(head);
    if (!['succeeded', 'failed', 'interrupted'].includes(run.status)) {
      const bar = el('progress', null, { max: '100', 'aria-label': 'progress of ' + run.id });
      const p = run.progress || {};
      if (p.percent !== null && p.percent !== undefined) { bar.value = p.percent; }
      item.append(bar);
    }
    item.append(el('p', progressText(run), { class: 'run-progress' }));
    if (run.error) { item.append(el('p', run.error, { class: 'run-error' })); }
    return item;
  }

  function renderRuns() {
    const list = $('runs');
    list.replaceChildren(...runs.map(renderRun));
    if (!runs.length) { list.append(el('li', 'No simulation yet.', { class: 'dim' })); }
    const select = $('promote-simulation');
    const chosen = select.value;
    const succeeded = runs.filter((r) => r.status === 'succeeded');
    const options = succeeded.map((r) => el('option', r.id + ' · ' + r.request.schema + ' · '
      + r.request.policies.join(', '), { value: r.id }));
    if (!options.length) { options.push(el('option', 'no succeeded simulation yet', { value: '' })); }
    select.replaceChildren(...options);
    if (succeeded.some((r) => r.id === chosen)) { select.value = chosen; }
    if (select.value !== chosen) { showVerdict(); }
  }

  async function refreshRuns() {
    window.clearTimeout(runTimer);
    try {
      const answer = await call('GET', SIMULATIONS);
      if (answer) {
        runs = answer.runs;
        renderRuns();
      }
    } catch (err) {
      $('simulation-status').textContent = 'Runs could not be loaded: ' + err.message;
    }
    const active = runs.some((r) => r.status === 'queued' || r.status === 'running');
    runTimer = window.setTimeout(refreshRuns, active ? 700 : 5000);
  }

  $('simulation-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const policies = $('sim-policies').value.split(',').map((s) => s.trim()).filter(Boolean);
    const body = { schema: $('sim-schema').value.trim() || 'public', policies };
    const resamples = parseInt($('sim-resamples').value, 10);
    if (!Number.isNaN(resamples)) { body.resamples = resamples; }
    if ($('sim-match').checked && policies.length && servingShadow) {
      body.shadowMatch = { [policies[0]]: servingShadow.name };
    }
    const status = $('simulation-status');
    const button = $('simulation-start');
    button.disabled = true;
    try {
      const run = await call('POST', SIMULATIONS, body);
      status.textContent = 'Started ' + run.id + '.';
      await refreshRuns();
    } catch (err) {
      status.textContent = 'Not started: ' + err.message;
    } finally {
      button.disabled = false;
    }
  });

  refreshPolicies().then(refreshRuns);
  window.setInterval(refreshPolicies, 10000);
}());
