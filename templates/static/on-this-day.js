// Opens today's page from /on-this-day/ when today has entries from earlier years, and
// otherwise says so ("Nothing from 1 December yet."). The address is taken from the page's
// own link, so it also works in encrypted builds, where pages have opaque names.
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  function openToday() {
    var note = document.getElementById("on-this-day-today");
    var today = new Date();
    // Before the journal's day starts (day_starts_at), the small hours still count for the day before.
    var starts = ((note && note.getAttribute("data-day-starts-at")) || "00:00").split(":");
    if (today.getHours() * 60 + today.getMinutes() < Number(starts[0]) * 60 + Number(starts[1])) {
      today.setDate(today.getDate() - 1);
    }
    var key = String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
    var link = document.querySelector('a[data-day="' + key + '"]');
    if (link) {
      window.location.replace(link.href);
      return;
    }
    if (note) {
      note.textContent = "Nothing from " + today.getDate() + " " + MONTHS[today.getMonth()] + " yet.";
      note.hidden = false;
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openToday);
  } else {
    openToday();
  }
})();
