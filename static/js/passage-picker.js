// Passage picker (progressive enhancement): select words in the article beside the question
// form to use them as a quote, or (keyboard) press a passage's "Use passage" button to take it
// whole and then shorten the quote in its field. Without this script the teacher picks the
// passage in a select and pastes the quote; the server checks both ways alike.
//
// The quote is cut from the passage's own text by offsets, not taken from
// Selection.toString(), so it is exactly the stored text (spaces, apostrophes, quotes).
(function () {
  "use strict";
  var picker = document.querySelector("[data-picker]");
  if (!picker) return;
  var status = document.querySelector("[data-picker-status]");
  var mainQuote = document.getElementById("quote_exact");
  var mainPassage = document.getElementById("quote_passage");
  var last = null;

  function say(name, anchor) {
    if (!status) return;
    status.textContent = (status.getAttribute("data-msg-" + name) || "").replace("{anchor}", anchor || "");
  }

  function passageOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    var passage = element ? element.closest("[data-anchor]") : null;
    return passage && picker.contains(passage) ? passage : null;
  }

  function offsetIn(passage, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(passage);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function readSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var passage = passageOf(range.startContainer);
    if (!passage) return null;
    var text = passage.textContent;
    var start = offsetIn(passage, range.startContainer, range.startOffset);
    var cut = passageOf(range.endContainer) !== passage;
    // A selection running into the next passage (e.g. a triple click) ends with this one.
    var end = cut ? text.length : offsetIn(passage, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text.charAt(start))) start++;
    while (end > start && /\s/.test(text.charAt(end - 1))) end--;
    if (start >= end) return null;
    return { anchor: passage.getAttribute("data-anchor"), text: text.slice(start, end), cut: cut, element: passage };
  }

  function fill(quoteField, passageField, picked) {
    if (quoteField) {
      quoteField.value = picked.text;
      quoteField.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (passageField && passageField.querySelector('option[value="' + picked.anchor + '"]')) {
      passageField.value = picked.anchor;
      passageField.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  // Marks just the quote in its passage: a CSS Custom Highlight where the browser has it,
  // otherwise the whole passage.
  function mark(passage, text) {
    Array.prototype.forEach.call(picker.querySelectorAll(".picked"), function (element) {
      element.classList.remove("picked");
    });
    if (window.CSS && CSS.highlights) CSS.highlights.delete("picked");
    var node = passage && passage.firstChild;
    var start = node && text ? node.data.indexOf(text) : -1;
    if (start < 0) return;
    if (window.CSS && CSS.highlights && typeof Highlight === "function") {
      var range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + text.length);
      CSS.highlights.set("picked", new Highlight(range));
    } else {
      passage.parentElement.classList.add("picked");
    }
  }

  function passageNamed(anchor) {
    return picker.querySelector('[data-anchor="' + anchor + '"]');
  }

  function pick(picked, whole) {
    last = picked;
    if (mainQuote) {
      fill(mainQuote, mainPassage, picked);
      say(whole ? "whole" : picked.cut ? "cut" : "set", picked.anchor);
      if (whole) mainQuote.focus();  // where the teacher shortens it
    } else {
      say(picked.cut ? "cut" : "selected", picked.anchor);
    }
    mark(picked.element, picked.text);
  }

  function onSelect() {
    var picked = readSelection();
    if (picked) pick(picked, false);
  }

  picker.addEventListener("mouseup", onSelect);
  picker.addEventListener("keyup", onSelect); // selections made with Shift + arrow keys
  picker.addEventListener("touchend", function () { window.setTimeout(onSelect, 0); });

  // The keyboard way: each passage's button takes the whole passage; the teacher shortens it in the field.
  Array.prototype.forEach.call(picker.querySelectorAll("[data-use-passage]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var passage = passageNamed(button.getAttribute("data-use-passage"));
      pick({ anchor: passage.getAttribute("data-anchor"), text: passage.textContent.trim(), cut: false,
             element: passage }, true);
    });
  });

  // A quote shortened or typed in its field is marked where it stands in the chosen passage:
  // the question's quote, and an evidence option's quote while the teacher edits its row.
  function follow(quoteField, passageField) {
    function markField() {
      mark(passageField && passageNamed(passageField.value), quoteField.value.trim());
    }
    quoteField.addEventListener("input", markField);
    quoteField.addEventListener("focus", markField);
    if (passageField) passageField.addEventListener("change", markField);
    return markField;
  }
  if (mainQuote) follow(mainQuote, mainPassage)();
  Array.prototype.forEach.call(document.querySelectorAll("textarea[id^='options-'][id$='-quote']"), function (field) {
    follow(field, document.getElementById(field.id.replace(/-quote$/, "-passage")));
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-use-selection]"), function (button) {
    var row = button.getAttribute("data-use-selection");
    button.hidden = false;
    // Keep the selection when the button is pressed with the mouse.
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () {
      if (!last) { say("none"); return; }
      fill(document.getElementById("options-" + row + "-quote"),
           document.getElementById("options-" + row + "-passage"), last);
      say("set", last.anchor);
    });
  });
})();
