// Scanning a certificate's QR code on the home page, where the browser allows it: the camera
// (secure origins only) or a photo. The browser's own BarcodeDetector when it has one, else
// jsQR, loaded from our own origin only when first needed. What it reads goes through the
// same form as a pasted link, so the server decides what is a Reconoce link.
(function () {
  'use strict';
  var root = document.getElementById('scan');
  var form = document.getElementById('verify-form');
  if (!root || !form || !window.Promise) return;
  var input = form.elements.namedItem('code');
  var cameraButton = document.getElementById('scan-camera');
  var fileInput = document.getElementById('scan-file');
  var view = document.getElementById('scan-view');
  var video = document.getElementById('scan-video');
  var stopButton = document.getElementById('scan-stop');
  var status = document.getElementById('scan-status');
  var stream = null;
  var decoderPromise = null;

  root.hidden = false;
  var canUseCamera = Boolean(
    window.isSecureContext && navigator.mediaDevices && navigator.mediaDevices.getUserMedia,
  );
  cameraButton.hidden = !canUseCamera;

  function say(text) {
    status.textContent = text || '';
  }

  function found(text) {
    stop();
    input.value = text;
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  // A function from an image source (video, ImageBitmap) to the QR text, or null.
  function decoder() {
    if (decoderPromise) return decoderPromise;
    decoderPromise = Promise.resolve()
      .then(function () {
        if (!('BarcodeDetector' in window)) return null;
        return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
          if (formats.indexOf('qr_code') < 0) return null;
          var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
          return function (source) {
            return detector.detect(source).then(function (codes) {
              return codes.length ? codes[0].rawValue : null;
            });
          };
        });
      })
      .catch(function () {
        return null;
      })
      .then(function (native) {
        if (native) return native;
        return loadScript('/assets/vendor/jsqr.js').then(function () {
          var jsQR = window.jsQR && window.jsQR.default ? window.jsQR.default : window.jsQR;
          var canvas = document.createElement('canvas');
          var context = canvas.getContext('2d', { willReadFrequently: true });
          return function (source) {
            var width = source.videoWidth || source.width;
            var height = source.videoHeight || source.height;
            if (!width || !height) return Promise.resolve(null);
            var scale = Math.min(1, 1000 / Math.max(width, height));
            canvas.width = Math.round(width * scale);
            canvas.height = Math.round(height * scale);
            context.drawImage(source, 0, 0, canvas.width, canvas.height);
            var image = context.getImageData(0, 0, canvas.width, canvas.height);
            var code = jsQR(image.data, image.width, image.height);
            return Promise.resolve(code ? code.data : null);
          };
        });
      });
    return decoderPromise;
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
      stream = null;
    }
    video.srcObject = null;
    view.hidden = true;
    cameraButton.hidden = !canUseCamera;
  }

  function scanFrame(decode) {
    if (!stream) return;
    decode(video)
      .then(function (text) {
        if (text) found(text);
        else window.setTimeout(scanFrame, 250, decode);
      })
      .catch(function () {
        window.setTimeout(scanFrame, 250, decode);
      });
  }

  cameraButton.addEventListener('click', function () {
    say('');
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        view.hidden = false;
        cameraButton.hidden = true;
        return video.play().then(decoder);
      })
      .then(function (decode) {
        scanFrame(decode);
      })
      .catch(function () {
        stop();
        say(root.getAttribute('data-no-camera'));
      });
  });

  stopButton.addEventListener('click', stop);

  fileInput.addEventListener('change', function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file || !window.createImageBitmap) return;
    say('');
    Promise.all([window.createImageBitmap(file), decoder()])
      .then(function (both) {
        return both[1](both[0]);
      })
      .then(function (text) {
        if (text) found(text);
        else say(root.getAttribute('data-not-found'));
      })
      .catch(function () {
        say(root.getAttribute('data-not-found'));
      })
      .then(function () {
        fileInput.value = '';
      });
  });
})();
