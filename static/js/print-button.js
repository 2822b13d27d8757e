/* The "Print this page" button on the printable summaries. Without JavaScript the button stays hidden and the
   page says how to print; with it, the button opens the browser's print dialog. External file: the Content
   Security Policy allows no inline script. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
