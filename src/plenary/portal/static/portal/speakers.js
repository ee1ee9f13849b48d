/* The list of speakers: the speaking-time clock, and refused acts shown in place.
 *
 * The server gives each clock the seconds spoken when it drew the page (its started_at is the
 * truth, so a reload or the next poll shows the same time); the clock counts on from there with
 * the browser's monotonic timer and turns red past the limit. */
(function () {
  "use strict";

  function mmss(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function tick() {
    var now = performance.now();
    document.querySelectorAll(".clock[data-elapsed]").forEach(function (clock) {
      var base = parseInt(clock.dataset.elapsed, 10);
      if (isNaN(base)) return;
      if (!clock.dataset.seenAt) clock.dataset.seenAt = String(now);
      var seconds = base + Math.floor((now - parseFloat(clock.dataset.seenAt)) / 1000);
      var limit = parseInt(clock.dataset.limit || "0", 10);
      clock.textContent = mmss(seconds);
      clock.classList.toggle("over", limit > 0 && seconds > limit);
    });
  }

  setInterval(tick, 250);
  document.addEventListener("DOMContentLoaded", tick);

  // The officers' list is drawn again every 3 s, except while someone is typing in it (a time
  // limit, the States on whose behalf): that poll is skipped until the focus leaves the list.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt.id === "queue" && document.querySelector("#queue :focus")) {
      event.preventDefault();
    }
  });

  // "Add from the room": the form is emptied once the list took the request.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form.id === "from-the-room" && event.detail.successful) form.reset();
  });

  // A refused act answers 400 with the list and its message: show it (htmx swaps only 2xx).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && (target.id === "queue" || target.id === "place")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
