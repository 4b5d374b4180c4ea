// Progressive enhancement: the #hl fragment already scrolls to the highlighted quote;
// this centres it and moves keyboard focus there, so screen readers announce it.
(function () {
  var mark = document.getElementById("hl");
  if (!mark) return;
  mark.scrollIntoView({ block: "center" });
  mark.focus({ preventScroll: true });
})();
