// Sign-in, sign-up and recovery forms: the browser's time zone, so the portal can show times in
// it. Without script the field stays empty and the zone comes from the holder's documents.
(function () {
  'use strict';
  var zone = '';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    return;
  }
  var fields = document.querySelectorAll('input[name="browserTimeZone"]');
  for (var i = 0; i < fields.length; i += 1) fields[i].value = zone;
})();
