// Print buttons ([data-print]) on the print pages: shown only where JavaScript runs (they
// carry `hidden`), and open the browser's print dialog. Without JavaScript the page still
// prints from the browser's menu with the same print stylesheet.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
