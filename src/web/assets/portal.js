// The share's QR page: full screen and copying the link, where the browser can.
(function () {
  'use strict';
  var view = document.getElementById('qr-view');
  var fullscreen = document.getElementById('qr-fullscreen');
  var copy = document.getElementById('qr-copy');
  var link = document.getElementById('share-link');
  if (view && fullscreen && view.requestFullscreen) {
    fullscreen.hidden = false;
    fullscreen.addEventListener('click', function () {
      view.requestFullscreen().catch(function () {});
    });
  }
  if (copy && link && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      navigator.clipboard.writeText(link.href).then(function () {
        copy.textContent = copy.getAttribute('data-copied');
      });
    });
  }
})();
