// The timing section of /me: the person's timing preferences and the decisions taken at their moments.
(function () {
  'use strict';
  const form = document.getElementById('timing-form');
  if (!form) { return; }
  const status = document.getElementById('timing-status');
  const decisions = document.getElementById('timing-decisions');
  const call = window.ooApi.call;
  const fields = {
    timeZone: document.getElementById('timing-zone'),
    quietStart: document.getElementById('timing-quiet-start'),
    quietEnd: document.getElementById('timing-quiet-end'),
    morningAt: document.getElementById('timing-morning'),
    dailyCap: document.getElementById('timing-cap'),
    minGapMinutes: document.getElementById('timing-gap')
  };

  function fill(p) {
    fields.timeZone.value = p.timeZone;
    fields.quietStart.value = p.quietStart;
    fields.quietEnd.value = p.quietEnd;
    fields.morningAt.value = p.morningAt;
    fields.dailyCap.value = String(p.dailyCap);
    fields.minGapMinutes.value = String(p.minGapMinutes);
    form.querySelectorAll('input[name="trigger"]').forEach((box) => { box.checked = p.triggers.includes(box.value); });
    status.textContent = p.custom ? '' : 'These are the defaults; save to make them yours.';
  }

  function read() {
    return {
      timeZone: fields.timeZone.value.trim(),
      quietStart: fields.quietStart.value.slice(0, 5),
      quietEnd: fields.quietEnd.value.slice(0, 5),
      morningAt: fields.morningAt.value.slice(0, 5),
      dailyCap: Number(fields.dailyCap.value),
      minGapMinutes: Number(fields.minGapMinutes.value),
      triggers: Array.from(form.querySelectorAll('input[name="trigger"]:checked')).map((box) => box.value)
    };
  }

  function showDecisions(list) {
    decisions.replaceChildren();
    list.slice(0, 10).forEach((d) => {
      const item = document.createElement('li');
      const when = new Date(d.momentAt).toLocaleString();
      item.textContent = when + ' · ' + d.trigger + ' · ' + (d.outcome === 'issue' ? 'tip offered' : 'not now: ' + d.reason);
      decisions.append(item);
    });
  }

  function clearFieldMarks() {
    Object.values(fields).forEach((input) => input.removeAttribute('aria-invalid'));
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldMarks();
    const save = document.getElementById('timing-save');
    save.disabled = true;
    try {
      fill(await call('PUT', '/api/me/timing', read()));
      status.textContent = 'Saved.';
    } catch (err) {
      const field = err.problem && err.problem.field;
      if (field && fields[field]) { fields[field].setAttribute('aria-invalid', 'true'); fields[field].focus(); }
      status.textContent = 'Not saved: ' + (field ? field + ': ' : '') + err.message;
    } finally {
      save.disabled = false;
    }
  });

  if (!fields.timeZone.value && window.Intl) {
    fields.timeZone.placeholder = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Amsterdam';
  }
  call('GET', '/api/me/timing').then((p) => { if (p) { fill(p); } })
    .catch((err) => { status.textContent = 'Timing preferences could not be loaded: ' + err.message; });
  call('GET', '/api/me/timing/decisions').then((answer) => { if (answer) { showDecisions(answer.decisions); } })
    .catch(() => { decisions.replaceChildren(); });
}());
