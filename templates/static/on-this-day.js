// Opens today's page from /on-this-day/ when today has entries from earlier years.
// The address is taken from the page's own link, so it also works in encrypted builds,
// where pages have opaque names.
(function () {
  "use strict";
  function openToday() {
    var today = new Date();
    var key = String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
    var link = document.querySelector('a[data-day="' + key + '"]');
    if (link) {
      window.location.replace(link.href);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openToday);
  } else {
    openToday();
  }
})();
