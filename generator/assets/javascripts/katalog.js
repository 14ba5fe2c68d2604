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

  function closeOnEscape(toggle, button) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && toggle.id === "__drawer") {
        toggle.click();
        button.focus();
      }
    });
  }

  function setUp() {
    var drawer = document.getElementById("__drawer");
    var menuButton = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (drawer && menuButton && sidebar) {
      makeButton(menuButton, drawer, "Menu");
      hideWhenClosed(sidebar, drawer, DRAWER_SCREEN, function () {
        return firstShown(sidebar.querySelectorAll("a[href]"));
      });
      closeOnEscape(drawer, menuButton);
    }
    var search = document.getElementById("__search");
    var searchButton = document.querySelector('.md-header label.md-header__button[for="__search"]');
    var searchPanel = document.querySelector(".md-search__inner");
    if (search && searchButton && searchPanel) {
      makeButton(searchButton, search, "Søg");
      hideWhenClosed(searchPanel, search, SEARCH_SCREEN, function () {
        return searchPanel.querySelector("input");
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
