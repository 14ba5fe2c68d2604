/*
 * Keyboard access to Material's menu drawer and search on small screens.
 *
 * Material opens both with a hidden checkbox and a <label>, which a keyboard cannot
 * operate, and leaves the off-screen drawer and search focusable while invisible.
 * Here the header labels become buttons, and what is off screen is made inert.
 */
(function () {
  "use strict";

  var DRAWER_SCREEN = window.matchMedia("(max-width: 76.234375em)");
  var SEARCH_SCREEN = window.matchMedia("(max-width: 59.984375em)");

  function makeButton(label, toggle, name) {
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", name);
    label.setAttribute("aria-expanded", String(toggle.checked));
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation(); // Material's own Enter handler would toggle it back
        toggle.click();
      }
    });
    toggle.addEventListener("change", function () {
      label.setAttribute("aria-expanded", String(toggle.checked));
    });
  }

  function hideWhenClosed(panel, toggle, screen, focusTarget) {
    function update() {
      var hidden = screen.matches && !toggle.checked;
      panel.inert = hidden;
      if (hidden) {
        panel.setAttribute("aria-hidden", "true");
      } else {
        panel.removeAttribute("aria-hidden");
      }
    }
    toggle.addEventListener("change", function () {
      update();
      if (toggle.checked && screen.matches) {
        window.requestAnimationFrame(function () {
          var target = focusTarget();
          if (target) target.focus();
        });
      }
    });
    screen.addEventListener("change", update);
    update();
  }

  function firstShown(elements) {
    for (var index = 0; index < elements.length; index++) {
      if (elements[index].getClientRects().length > 0) return elements[index];
    }
    return null;
  }

  function closeOnEscape(toggle, button, screen) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && screen.matches) {
        toggle.click();
        button.focus();
      }
    });
  }

  // Each header button, the panel it opens, and where focus goes when it opens.
  var PANELS = [
    {toggle: "__drawer", name: "Menu", panel: ".md-sidebar--primary", screen: DRAWER_SCREEN, focus: "a[href]"},
    {toggle: "__search", name: "Søg", panel: ".md-search__inner", screen: SEARCH_SCREEN, focus: "input"}
  ];

  function setUp() {
    PANELS.forEach(function (spec) {
      var toggle = document.getElementById(spec.toggle);
      var button = document.querySelector('.md-header label.md-header__button[for="' + spec.toggle + '"]');
      var panel = document.querySelector(spec.panel);
      if (!toggle || !button || !panel) return;
      makeButton(button, toggle, spec.name);
      hideWhenClosed(panel, toggle, spec.screen, function () {
        return firstShown(panel.querySelectorAll(spec.focus));
      });
      closeOnEscape(toggle, button, spec.screen);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
