// A form sent back with errors: move the focus to Det Fælles Designsystem's error summary,
// so a screen reader and a keyboard user start there.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary && typeof summary.focus === "function") summary.focus();
})();
// On a phone the header's tools (who is signed in, sign-out, language) fold into a "Menu"
// button. Without JavaScript they simply stay visible (issue 14).
(function () {
  var button = document.querySelector(".header-menu-toggle");
  var tools = document.getElementById("header-tools");
  if (!button || !tools) return;
  var narrow = window.matchMedia("(max-width: 575.98px)");
  function apply() {
    if (narrow.matches) {
      button.hidden = false;
      var open = button.getAttribute("aria-expanded") === "true";
      tools.classList.toggle("header-tools-closed", !open);
    } else {
      button.hidden = true;
      tools.classList.remove("header-tools-closed");
    }
  }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    apply();
  });
  // Escape closes the open menu and gives the focus back to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || button.hidden) return;
    if (button.getAttribute("aria-expanded") !== "true") return;
    button.setAttribute("aria-expanded", "false");
    apply();
    button.focus();
  });
  narrow.addEventListener("change", apply);
  apply();
})();
