// Typeset the math pymdownx.arithmatex marks (class "arithmatex"), on first load and after
// each instant-navigation page change of Material.
function typesetMath() {
  document.querySelectorAll(".arithmatex").forEach(function (el) {
    renderMathInElement(el, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    });
  });
  // a chapter's notebook page (mkdocs-jupyter): Jupyter's $…$ and $$…$$ in Markdown cells
  document.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown").forEach(function (el) {
    renderMathInElement(el, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
      throwOnError: false,
    });
  });
}
// A formula wider than the page scrolls sideways: make it reachable by keyboard (WCAG 2.1.1),
// as axe-core's scrollable-region-focusable rule asks.
function focusableWideMath() {
  document.querySelectorAll("div.arithmatex, .katex-display").forEach(function (el) {
    if (el.scrollWidth > el.clientWidth + 1) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", "formula, scrolls sideways");
    }
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(function () { typesetMath(); focusableWideMath(); });
} else {
  document.addEventListener("DOMContentLoaded", function () { typesetMath(); focusableWideMath(); });
}
// widths settle once KaTeX's fonts are in: look again then, and whenever the window resizes
window.addEventListener("load", focusableWideMath);
window.addEventListener("resize", focusableWideMath);
if (document.fonts && document.fonts.ready) document.fonts.ready.then(focusableWideMath);
