// After a save the page opens at the changed item (e.g. #action-12). The browser scrolls there;
// focusing it as well lets keyboard and screen-reader users carry on from that item instead of
// from the top of a long page.
(function () {
  "use strict";
  var id = window.location.hash.slice(1);
  if (!id) {
    return;
  }
  var target = document.getElementById(decodeURIComponent(id));
  if (!target || target === document.activeElement) {
    return;
  }
  if (!target.hasAttribute("tabindex")) {
    target.setAttribute("tabindex", "-1");
  }
  target.classList.add("returned-to");
  target.focus();
})();
