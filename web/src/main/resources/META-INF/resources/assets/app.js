// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // The error summary takes focus, so screen readers and keyboards start there.
  function focusErrors() {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  // One submission per rendered form: a double click sends nothing more (the server's
  // Idempotency-Key covers the rest: a resubmitted form, a browser without this script).
  function submitOnce() {
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.sent === "true") {
          event.preventDefault();
          return;
        }
        form.dataset.sent = "true";
        form.setAttribute("aria-busy", "true");
      });
    });
  }

  // Embedded (?embed=1): tell the parent page our height, so it can size its iframe.
  function postHeight() {
    if (!document.body.classList.contains("embed") || window.parent === window) {
      return;
    }
    var send = function () {
      window.parent.postMessage(
        { type: "ats-careers-height", height: document.documentElement.scrollHeight },
        "*"
      );
    };
    if (window.ResizeObserver) {
      new ResizeObserver(send).observe(document.body);
    }
    window.addEventListener("load", send);
    document.body.addEventListener("htmx:afterSettle", send);
    send();
  }

  // Board: a card's conflict message takes focus after htmx swaps it in.
  function focusSwapped(event) {
    var target = event.detail && event.detail.elt;
    if (!target || !target.querySelector) {
      return;
    }
    var message = target.querySelector("[data-focus]");
    if (message) {
      message.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrors();
    submitOnce();
    postHeight();
    document.body.addEventListener("htmx:afterSettle", focusSwapped);
  });
})();
