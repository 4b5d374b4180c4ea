// Moves keyboard focus to the element a page marks with data-focus-on-load (it needs
// tabindex="-1"), e.g. the score on the result page after a submit: screen readers then start
// there instead of at the top of the page. A link to a fragment (#…) keeps its own target.
(function () {
  "use strict";
  var target = document.querySelector("[data-focus-on-load]");
  if (!target || window.location.hash) return;
  target.focus({ preventScroll: true });
})();
