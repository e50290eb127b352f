// The verification page without leaving it: the country/purpose form asks the same address
// for JSON and draws the answer where the server would have put it. Without this script (or if
// the request fails) the form simply loads the page with the answer.
(function () {
  'use strict';
  var form = document.getElementById('recognition-form');
  var out = document.getElementById('recognition-answer');
  if (!form || !out || !window.fetch || !window.URLSearchParams) return;
  var t = JSON.parse(form.getAttribute('data-i18n') || '{}');
  var lang = form.getAttribute('data-lang') || 'es';
  var locale = { es: 'es-419', pt: 'pt-BR', en: 'en-GB' }[lang] || lang;
  var TONE = {
    RECOGNISED: 'ok',
    VALID_DOMESTIC: 'ok',
    VALID_WITH_CONDITIONS: 'warn',
    VALID_NOT_COVERED: 'warn',
    AGREEMENT_SUSPENDED: 'warn',
  };
  var ICONS = {
    ok: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
    warn: 'M11 7h2v7h-2zm0 9h2v2h-2z',
    bad: 'M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7l-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z',
  };

  function say(key) {
    return Object.prototype.hasOwnProperty.call(t, key) ? t[key] : key;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function icon(tone) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'icon');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '24');
    svg.setAttribute('height', '24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', ICONS[tone]);
    svg.appendChild(path);
    return svg;
  }
  function list(items) {
    var ul = el('ul');
    items.forEach(function (item) {
      ul.appendChild(el('li', '', item));
    });
    return ul;
  }
  function unique(values) {
    return values.filter(function (value, i) {
      return values.indexOf(value) === i;
    });
  }
  function equivalentText(eq) {
    if (!eq) return '';
    var levels = eq.levels && eq.levels.length ? eq.levels.join('/') : eq.level;
    var level = eq.framework && levels !== null ? eq.framework + ' ' + levels : null;
    var group = eq.isco08 ? fill(say('occupationGroup'), { code: eq.isco08 }) : null;
    return [eq.title || eq.standardId || group, level].filter(Boolean).join(' · ');
  }

  function answer(item, many, context) {
    var r = item.recognition;
    var tone =
      TONE[r.outcome] || (r.outcome === 'REVOKED' || r.outcome === 'INVALID' ? 'bad' : 'warn');
    var box = el('div', 'answer ' + tone);
    box.setAttribute('data-outcome', r.outcome);
    if (many && item.credential && item.credential.title) {
      box.appendChild(el('p', 'answer-of', item.credential.title));
    }
    var title = el('p', 'answer-title');
    title.appendChild(icon(tone));
    title.appendChild(el('strong', '', say(r.outcome)));
    box.appendChild(title);
    box.appendChild(el('p', 'answer-context', context));
    var soft = unique(
      (r.conditions || [])
        .filter(function (c) {
          return !c.hard;
        })
        .map(function (c) {
          return say('cond_' + c.code);
        }),
    );
    var rows = [
      [say('equivalent'), equivalentText(r.equivalent)],
      [say('conditions'), soft.length ? list(soft) : ''],
      [say('missingUnits'), (r.missingUnits || []).join(', ')],
      [say('agreement'), r.agreement ? r.agreement.name : ''],
      [
        say('reasons'),
        (r.reasons || []).length
          ? list(
              r.reasons.map(function (code) {
                return say('reason_' + code);
              }),
            )
          : '',
      ],
    ].filter(function (row) {
      return row[1];
    });
    if (rows.length) {
      var dl = el('dl');
      rows.forEach(function (row) {
        var div = el('div');
        div.appendChild(el('dt', '', row[0]));
        var dd = el('dd');
        if (typeof row[1] === 'string') dd.textContent = row[1];
        else dd.appendChild(row[1]);
        div.appendChild(dd);
        dl.appendChild(div);
      });
      box.appendChild(dl);
    }
    var today = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(),
    );
    box.appendChild(el('p', 'rules', fill(say('rules'), { version: r.rulesVersion, date: today })));
    return box;
  }

  form.addEventListener('submit', function (event) {
    var country = form.elements.namedItem('country');
    var purpose = form.elements.namedItem('purpose');
    if (!country.value) return;
    event.preventDefault();
    var params = new URLSearchParams();
    params.set('lang', lang);
    params.set('country', country.value);
    params.set('purpose', purpose.value);
    var url = form.getAttribute('action').split('#')[0] + '?' + params.toString();
    var context = fill(say('answerFor'), {
      country: country.options[country.selectedIndex].text,
      purpose: purpose.options[purpose.selectedIndex].text,
    });
    out.setAttribute('aria-busy', 'true');
    out.replaceChildren(el('p', 'muted', say('loading')));
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (body) {
        var items = (body.items || [body]).filter(function (item) {
          return item.recognition;
        });
        out.replaceChildren.apply(
          out,
          items.map(function (item) {
            return answer(item, items.length > 1, context);
          }),
        );
        out.removeAttribute('aria-busy');
        if (window.history && history.replaceState) history.replaceState(null, '', url);
      })
      .catch(function () {
        // Let the server draw it: the page with the answer, as without JavaScript.
        form.submit();
      });
  });
})();
