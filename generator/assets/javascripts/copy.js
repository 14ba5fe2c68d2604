/*
 * Copy buttons for what a reader takes away whole: "how to cite this page" (the reference and its
 * BibTeX). Each element with the class katalog-copy gets a button after it that copies its text and
 * says so in a live region; without JavaScript the text is still there to select.
 *
 * The clipboard API needs a secure context (https or localhost); a copy opened from file:// or
 * served over http falls back to selecting the text and the browser's copy command.
 */
(function () {
  "use strict";

  /* A button's text, by a class of the element it copies (Material renames the ids of code blocks). */
  var LABELS = {
    "katalog-copy-reference": "Kopiér henvisningen",
    "katalog-copy-bibtex": "Kopiér BibTeX"
  };
  var COPIED = "Kopieret.";
  var FAILED = "Kunne ikke kopiere. Markér teksten, og kopiér den selv.";

  function copyBySelection(element) {
    var selection = window.getSelection();
    var range = document.createRange();
    range.selectNodeContents(element);
    selection.removeAllRanges();
    selection.addRange(range);
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    selection.removeAllRanges();
    return copied;
  }

  function copy(element) {
    var text = element.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () {
        return copyBySelection(element);
      });
    }
    return Promise.resolve(copyBySelection(element));
  }

  function addButton(element, status) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button katalog-copy-button";
    var kind = Object.keys(LABELS).filter(function (name) { return element.classList.contains(name); })[0];
    button.textContent = kind ? LABELS[kind] : "Kopiér";
    button.addEventListener("click", function () {
      status.textContent = "";
      copy(element).then(function (copied) {
        status.textContent = copied ? COPIED : FAILED;
      });
    });
    element.insertAdjacentElement("afterend", button);
  }

  function start() {
    var elements = document.querySelectorAll(".katalog-copy");
    if (!elements.length) {
      return;
    }
    var status = document.createElement("p");
    status.className = "katalog-copy-status";
    status.setAttribute("role", "status");
    elements[elements.length - 1].parentNode.appendChild(status);
    Array.prototype.forEach.call(elements, function (element) {
      addButton(element, status);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
