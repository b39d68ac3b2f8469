// The tip page: one tip, reactions by click, key (d, x, l, s) or swipe, the next tip without a reload.
(function () {
  'use strict';
  const text = document.getElementById('tip-text');
  const main = document.getElementById('tip');
  const reactions = document.getElementById('reactions');
  const keys = { d: 'done', x: 'dismissed', l: 'liked', s: 'snoozed' };
  let current = null;
  let busy = false;

  const call = window.ooApi.call;

  function show(tip) {
    if (current === null) {
      // For the first-paint benchmark (infra/bench/run, stage paint): when the first tip is in the
      // DOM, and just after the frame that paints it.
      performance.mark('oo:tip-shown');
      requestAnimationFrame(() => setTimeout(() => performance.mark('oo:tip-painted'), 0));
    }
    current = tip;
    text.textContent = tip.text;
    text.dataset.tipId = tip.id;
    text.dataset.kind = tip.kind;
    text.classList.remove('leaving');
    reactions.hidden = false;
    main.setAttribute('aria-busy', 'false');
  }

  async function next() {
    main.setAttribute('aria-busy', 'true');
    try {
      const answer = await call('POST', '/recommend');
      if (answer) { show(answer.tip); }
    } catch (e) {
      text.textContent = e.status === 403 && e.problem && e.problem.title === 'Consent missing'
        ? 'oO may not choose tips for you yet: allow it on your page (oO, in the corner).'
        : 'oO is catching its breath. Try again in a moment.';
      reactions.hidden = true;
    }
  }

  async function react(reaction) {
    if (!current || busy) { return; }
    busy = true;
    text.classList.add('leaving');
    try {
      await call('POST', '/api/tips/' + encodeURIComponent(current.id) + '/reactions', { reaction });
      await next();
    } finally {
      busy = false;
    }
  }

  reactions.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-reaction]');
    if (button) { react(button.dataset.reaction); }
  });
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    const reaction = keys[e.key.toLowerCase()];
    if (reaction) { e.preventDefault(); react(reaction); }
  });
  let touchStart = null;
  main.addEventListener('touchstart', (e) => { touchStart = e.changedTouches[0]; }, { passive: true });
  main.addEventListener('touchend', (e) => {
    if (!touchStart) { return; }
    const dx = e.changedTouches[0].clientX - touchStart.clientX;
    const dy = e.changedTouches[0].clientY - touchStart.clientY;
    touchStart = null;
    if (Math.abs(dx) < 60 && Math.abs(dy) < 60) { return; }
    if (Math.abs(dx) > Math.abs(dy)) { react(dx > 0 ? 'done' : 'dismissed'); } else { react(dy < 0 ? 'liked' : 'snoozed'); }
  }, { passive: true });

  // A tip that arrives by itself (a timed tip, a snoozed one coming back) replaces the shown one.
  if (window.EventSource) {
    const stream = new EventSource('/api/tips/stream');
    stream.addEventListener('tip', (e) => {
      const tip = JSON.parse(e.data).tip;
      if (!busy && (!current || current.id !== tip.id)) { show(tip); }
    });
  }

  next();
}());
