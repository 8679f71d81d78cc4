// Opens today's page of /on-this-day/; the page lists every day for readers without script.
(function () {
  "use strict";
  var today = new Date();
  var key = String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
  window.location.replace(key + "/");
})();
