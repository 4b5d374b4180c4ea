// Moves keyboard focus to the element a page marks with data-focus-on-load (it needs
// tabindex="-1"), e.g. the score on the result page after a submit: screen readers then start
// there instead of at the top of the page. A link to a fragment (#…) keeps its own target,
// unless the target is inside it (the note in a saved question's row, #question-<id>).
(function () {
  "use strict";
  var target = document.querySelector("[data-focus-on-load]");
  if (!target) return;
  var hash = window.location.hash;
  var anchor = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  if (hash && !(anchor && anchor.contains(target))) return;
  target.focus({ preventScroll: true });
})();
