/*
 * The small DOM helpers our scripts share (the checklist's parts, the filter, the comparison), as
 * window.Katalog.dom. Elements are built with createElement and text nodes, never from HTML;
 * updates change only what differs, so live regions stay quiet and focus stays where it was.
 */
(function () {
  "use strict";

  var namespace = window.Katalog = window.Katalog || {};

  // ---- Building and updating elements ----

  function el(tag, attributes, children) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return element;
  }

  // Changing only what differs keeps the live region from announcing unchanged text.
  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  // A field the user is typing in is left alone, so a re-render never moves their cursor.
  function setValue(field, value) {
    if (document.activeElement !== field && field.value !== value) field.value = value;
  }

  function button(id, text) {
    return el("button", {type: "button", id: id, "class": "katalog-button"}, [text]);
  }

  function field(id, labelText, control, extra) {
    return el("div", {"class": "katalog-field"}, [el("label", {"for": id}, [labelText]), control].concat(extra || []));
  }

  /** Focuses `container`, which is no tab stop: it becomes focusable only until focus leaves it. */
  function holdFocus(container) {
    container.setAttribute("tabindex", "-1");
    container.addEventListener("blur", function () { container.removeAttribute("tabindex"); }, {once: true});
    container.focus();
  }

  /**
   * Empties `container` and lets `build` fill it. Focus inside it is not lost: it goes back to the
   * same element if that was put back, else to the container, never to the top of the page.
   */
  function rebuild(container, build) {
    var focused = container.contains(document.activeElement) ? document.activeElement : null;
    container.replaceChildren();
    build(container);
    if (!focused || document.activeElement === focused) return;
    if (container.contains(focused)) {
      focused.focus();
    } else {
      holdFocus(container);
    }
  }

  /** Keeps a select's options equal to `items` ([{value, text}]) without replacing the select itself. */
  function syncOptions(select, items, selected) {
    while (select.options.length > items.length) select.remove(select.options.length - 1);
    items.forEach(function (item, index) {
      var option = select.options[index] || select.appendChild(document.createElement("option"));
      if (option.value !== item.value) option.value = item.value;
      setText(option, item.text);
    });
    select.value = selected;
  }

  /**
   * A wide table scrolls sideways inside its own box on a phone. Only then is the box a
   * focusable, named region, so a keyboard can scroll it and a wide screen gets no empty tab stop.
   */
  function markScrolling(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls === box.hasAttribute("tabindex")) return;
    if (scrolls) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
    }
  }

  var watchers = new WeakMap(); // scroll box → the ResizeObserver that re-marks it

  /** Re-marks `box` whenever its width changes, until unwatchScrolling(box). */
  function watchScrolling(box) {
    if (watchers.has(box)) return;
    var observer = new ResizeObserver(function () { markScrolling(box); });
    observer.observe(box);
    watchers.set(box, observer);
  }

  /** Stops watching `box`, which has been taken off the page. */
  function unwatchScrolling(box) {
    var observer = watchers.get(box);
    if (!observer) return;
    observer.disconnect();
    watchers.delete(box);
  }

  /** The box for a table labelled by `labelId`, watched while it is on the page. */
  function scrollBox(labelId) {
    var box = el("div", {"class": "katalog-table-scroll", "aria-labelledby": labelId});
    watchScrolling(box);
    return box;
  }

  function download(text, fileName, type) {
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    var link = el("a", {href: url, download: fileName});
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    // The browser has started the download by now; the object URL is only released later to be safe.
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // ---- Phrases that more than one part writes ----

  function quoted(text) {
    return "»" + text + "«";
  }

  /** Runs `setUp` once the page is there, and again for each page Material's instant navigation
   * shows without a reload (document$), where that is on. */
  function onEveryPage(setUp) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setUp);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setUp);
    } else {
      setUp();
    }
  }

  // ---- The catalogue's addresses ----

  /** A case's id from the address of its page: ".../<id>/", ".../<id>.html" or ".../<id>/index.html",
   * whether MkDocs writes directory URLs or not (an offline copy does not). */
  function caseIdOf(url) {
    var parts = url.pathname.split("/").filter(Boolean);
    var last = parts.pop() || "";
    if (last === "index.html") last = parts.pop() || "";
    try {
      return decodeURIComponent(last.replace(/\.html$/, ""));
    } catch (error) {
      return last; // a malformed %-escape: no case has such an id
    }
  }

  /** The non-empty sentences, joined. */
  function sentences() {
    return Array.prototype.filter.call(arguments, Boolean).join(" ");
  }

  namespace.dom = {
    el: el,
    setText: setText,
    setValue: setValue,
    button: button,
    field: field,
    rebuild: rebuild,
    syncOptions: syncOptions,
    markScrolling: markScrolling,
    scrollBox: scrollBox,
    watchScrolling: watchScrolling,
    unwatchScrolling: unwatchScrolling,
    download: download,
    quoted: quoted,
    sentences: sentences,
    caseIdOf: caseIdOf,
    onEveryPage: onEveryPage
  };
})();
