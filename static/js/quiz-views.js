// Narrow screens: the quiz page shows the questions or the article, one at a time, questions
// first; each view keeps its own scroll position, so switching back finds the same place.
// Without this script (or on wide screens) both stay visible, the questions first.
(function () {
  "use strict";
  var layout = document.querySelector(".quiz-layout");
  var switcher = document.querySelector(".view-switch");
  if (!layout || !switcher || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 56rem)");
  var buttons = switcher.querySelectorAll("button[data-view]");
  var scrolled = { questions: 0, article: 0 };

  function show(view) {
    scrolled[layout.dataset.view] = window.scrollY;
    layout.dataset.view = view;
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    });
    window.scrollTo(0, scrolled[view]);
  }

  function apply() {
    switcher.hidden = !narrow.matches;
    layout.classList.toggle("views", narrow.matches);
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () { show(button.dataset.view); });
  });
  if (narrow.addEventListener) narrow.addEventListener("change", apply);
  apply();
})();
