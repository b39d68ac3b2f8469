// Shared by oO's pages: same-origin JSON calls that carry the CSRF token, send a signed-out
// visitor to the sign-in page, and turn a problem+json answer into an Error with the problem.
window.ooApi = (function () {
  'use strict';

  function csrfHeader() {
    const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
    return match ? { 'X-XSRF-TOKEN': decodeURIComponent(match[1]) } : {};
  }

  async function call(method, url, body) {
    const response = await fetch(url, {
      method, credentials: 'same-origin',
      headers: Object.assign({ 'Content-Type': 'application/json', 'Accept': 'application/json' }, csrfHeader()),
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (response.status === 401) { window.location.assign('/login'); return null; }
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(json.detail || response.statusText);
      error.problem = json;
      error.status = response.status;
      throw error;
    }
    return json;
  }

  // Signing out is a POST with the CSRF token (a GET could be forged by any page): every page's
  // "Sign out" link does that, then shows the sign-in page.
  document.addEventListener('click', async (event) => {
    const link = event.target.closest && event.target.closest('#sign-out');
    if (!link) { return; }
    event.preventDefault();
    await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: csrfHeader(), redirect: 'manual' })
      .catch(() => null);
    window.location.assign('/login?signedOut');
  });

  return { call, csrfHeader };
})();
