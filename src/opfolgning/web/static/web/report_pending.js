// While a report file is being made: ask for the page again every 2 seconds and move the
// progress bar in place, so the page is not reloaded under the reader (a <noscript> meta
// refresh does the reloading without JavaScript). When the answer is no longer "in progress"
// (the file, or the failure message), load it.
(function () {
  "use strict";
  var progress = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  if (!progress || !window.fetch || !window.DOMParser) {
    return;
  }
  function poll() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.status !== 202 || type.indexOf("text/html") !== 0) {
          progress.value = 100;
          if (text) {
            text.textContent = "100 %";
          }
          window.location.reload();
          return;
        }
        return response.text().then(function (html) {
          var next = new DOMParser().parseFromString(html, "text/html").getElementById("progress");
          if (!next) {
            window.location.reload();
            return;
          }
          progress.value = next.value;
          progress.textContent = next.value + " %";
          if (text) {
            text.textContent = next.value + " %";
          }
          window.setTimeout(poll, 2000);
        });
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 2000);
})();
