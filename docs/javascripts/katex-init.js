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
if (typeof document$ !== "undefined") {
  document$.subscribe(typesetMath);
} else {
  document.addEventListener("DOMContentLoaded", typesetMath);
}
