/* The few behaviours the pages share. A static file, loaded with `defer`: no inline script, so a
   strict Content-Security-Policy (script-src 'self') holds. Every page works without it. */
(function () {
  "use strict";

  var PHONE = window.matchMedia("(max-width: 37.5rem)");

  /* After a form error, start where the problem is explained: the error summary, or, on a form
     without one, the first field that Django marked invalid. */
  function focusErrorSummary(root) {
    var scope = root || document;
    var target = scope.querySelector("#form-errors") || scope.querySelector("[aria-invalid='true']");
    if (target) {
      target.focus();
    }
  }

  /* A confirmation that arrives with the page is not announced by every screen reader: put the
     list into the live region again once the page has settled, which counts as a change. */
  function announceMessages() {
    var region = document.getElementById("messages");
    var list = region && region.querySelector("ul");
    if (!list || document.querySelector("#form-errors, [aria-invalid='true']")) {
      return;
    }
    region.removeChild(list);
    window.setTimeout(function () {
      region.appendChild(list);
    }, 150);
  }

  /* The school switcher (<details>): closes on Escape (focus back on its summary), when focus or
     a click goes elsewhere, so its list never stays over the link that has focus. */
  function closeSwitcher(details, returnFocus) {
    if (!details.open) {
      return;
    }
    details.open = false;
    if (returnFocus) {
      details.querySelector("summary").focus();
    }
  }

  function setUpSwitchers() {
    document.querySelectorAll("details.switcher").forEach(function (details) {
      details.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          event.preventDefault();
          closeSwitcher(details, true);
        }
      });
      details.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !details.contains(event.relatedTarget)) {
          closeSwitcher(details, false);
        }
      });
      document.addEventListener("click", function (event) {
        if (!details.contains(event.target)) {
          closeSwitcher(details, false);
        }
      });
    });
  }

  /* On a phone the header's tools and navigation fold behind one menu button. Without this
     script the button stays hidden and everything is shown. */
  function setUpMenu() {
    var header = document.querySelector(".site-header");
    var button = header && header.querySelector(".menu-toggle");
    if (!button) {
      return;
    }
    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("menu-open", open);
    }
    header.classList.add("has-menu");
    show(false);
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && PHONE.matches && header.classList.contains("menu-open")) {
        show(false);
        button.focus();
      }
    });
  }

  /* Wide tables scroll inside their own region, never the page. The region can be reached with
     the keyboard (to scroll it) only while it really scrolls, and is named after the table. */
  function labelFor(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var heading = table.closest("section, article, main");
    heading = heading && heading.querySelector("h1, h2, h3");
    return heading ? heading.textContent.trim() : document.title;
  }

  function wrapTables(root) {
    (root || document).querySelectorAll("main table").forEach(function (table) {
      var wrapper = table.parentElement;
      if (!wrapper.classList.contains("table-scroll")) {
        wrapper = document.createElement("div");
        wrapper.className = "table-scroll";
        table.parentNode.insertBefore(wrapper, table);
        wrapper.appendChild(table);
      }
      if (!wrapper.hasAttribute("role")) {
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", labelFor(table));
      }
    });
    updateScrollRegions();
  }

  function updateScrollRegions() {
    document.querySelectorAll("main .table-scroll").forEach(function (wrapper) {
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        wrapper.setAttribute("tabindex", "0");
      } else if (wrapper.getAttribute("tabindex") === "0" && wrapper !== document.activeElement) {
        wrapper.removeAttribute("tabindex");
      }
    });
  }

  function start() {
    setUpMenu();
    setUpSwitchers();
    wrapTables();
    focusErrorSummary();
    announceMessages();
    window.addEventListener("resize", updateScrollRegions);
    document.body.addEventListener("htmx:afterSettle", function (event) {
      wrapTables(event.target);
      focusErrorSummary(event.target);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
