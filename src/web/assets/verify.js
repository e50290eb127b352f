// The verification page without leaving it: the country/purpose form asks the server for the
// same page it would load and takes the answer block from it, so the answer is drawn by the
// server alone (one markup, one set of words). Without this script (or if the request fails) the
// form simply loads the page with the answer.
(function () {
  'use strict';
  var form = document.getElementById('recognition-form');
  var out = document.getElementById('recognition-answer');
  if (!form || !out || !window.fetch || !window.URLSearchParams || !window.DOMParser) return;

  form.addEventListener('submit', function (event) {
    var country = form.elements.namedItem('country');
    var purpose = form.elements.namedItem('purpose');
    var lang = form.elements.namedItem('lang');
    if (!country.value) return;
    event.preventDefault();
    var params = new URLSearchParams();
    params.set('lang', lang.value);
    params.set('country', country.value);
    params.set('purpose', purpose.value);
    var url = form.getAttribute('action').split('#')[0] + '?' + params.toString();
    var loading = document.createElement('p');
    loading.className = 'muted';
    loading.textContent = form.getAttribute('data-loading') || '…';
    out.setAttribute('aria-busy', 'true');
    out.replaceChildren(loading);
    fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (html) {
        // Parsed inert: DOMParser runs no script of what it parses.
        var page = new window.DOMParser().parseFromString(html, 'text/html');
        var answer = page.getElementById('recognition-answer');
        if (!answer) throw new Error('no answer');
        out.replaceChildren.apply(out, Array.prototype.slice.call(answer.childNodes));
        out.removeAttribute('aria-busy');
        if (window.history && history.replaceState) history.replaceState(null, '', url);
        out.scrollIntoView({ block: 'start' });
      })
      .catch(function () {
        // Let the server draw it: the page with the answer, as without JavaScript.
        form.submit();
      });
  });
})();
