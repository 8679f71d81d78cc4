// Added by `cairn serve` to pages as they are served; never written into the site.
(function () {
  "use strict";
  var overlay = null;

  function showErrors(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "cairn-errors";
      overlay.setAttribute("role", "alert");
      var s = overlay.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0";
      s.maxHeight = "60vh"; s.overflow = "auto"; s.zIndex = "2147483647";
      s.background = "#2b1d1d"; s.color = "#ffe9e0"; s.padding = "1rem";
      s.font = "0.9rem/1.5 ui-monospace, monospace"; s.borderTop = "4px solid #ff8a65";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var heading = document.createElement("p");
    heading.textContent = "The last save did not build. This is the last good version; fix these and it will refresh:";
    overlay.appendChild(heading);
    var list = document.createElement("pre");
    list.textContent = lines.join("\n");
    overlay.appendChild(list);
  }

  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  var events = new EventSource("/__cairn/events");
  events.addEventListener("reload", function () { window.location.reload(); });
  events.addEventListener("errors", function (event) { showErrors(JSON.parse(event.data)); });
  events.addEventListener("ok", hideErrors);
})();
