// Clicking a claim, conflict value or timeline entry scrolls to the words in the article view and
// highlights every piece of them (a claim can span several highlighted segments).
(function () {
  function focus(key) {
    document.querySelectorAll(".seg.focus").forEach(function (el) { el.classList.remove("focus"); });
    if (!key) { return; }
    var hits = document.querySelectorAll(".seg[data-keys]");
    var first = null;
    hits.forEach(function (el) {
      if (el.getAttribute("data-keys").split(" ").indexOf(key) >= 0) {
        el.classList.add("focus");
        if (!first) { first = el; }
      }
    });
    var details = first && first.closest("details");
    if (details) { details.open = true; }
    if (first) { first.scrollIntoView({block: "center"}); }
  }
  function fromHash() { focus(decodeURIComponent(location.hash.slice(1))); }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("DOMContentLoaded", fromHash);
})();
