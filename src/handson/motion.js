/* Animated figures under the reader's control (WCAG 2.2.2 Pause, Stop, Hide), on the site and in
   the decks. Each <img> showing a GIF gets a button, reachable by Tab and pressed by click, Enter
   or Space, that swaps the animation for its still (<name>.still.png: the final frame, written
   by the build, see handson/motion.py) and back. When the reader's system asks for reduced motion
   (prefers-reduced-motion: reduce) every animation starts as its still and none moves on load. */
(function () {
  "use strict";
  var GIF = /\.gif(?=$|[?#])/i;
  var reduce = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var STYLE =
    ".motion{position:relative;display:inline-block;max-width:100%;line-height:0}" +
    ".motion-toggle{position:absolute;top:6px;left:6px;z-index:2;margin:0;padding:4px 9px;" +
    "font:600 14px/1.2 system-ui,sans-serif;color:#fff;background:#1b1b1f;border:2px solid #fff;" +
    "border-radius:4px;cursor:pointer}" +
    ".motion-toggle:hover{background:#000;text-decoration:underline}" +
    ".motion-toggle:focus-visible{outline:3px solid #0072b2;outline-offset:2px;box-shadow:0 0 0 6px #fff}" +
    "@media print{.motion-toggle{display:none}}";

  function still(src) {
    return src.replace(GIF, ".still.png");
  }

  function show(img, playing) {
    img.src = playing ? img.getAttribute("data-gif") : img.getAttribute("data-still");
    img.setAttribute("data-playing", playing ? "true" : "false");
    img.parentNode.querySelector(".motion-toggle").textContent =
      playing ? "Pause animation" : "Play animation";
  }

  function control(img) {
    var src = img.getAttribute("src") || "";
    if (!GIF.test(src) || img.hasAttribute("data-gif")) return;
    img.setAttribute("data-gif", src);
    img.setAttribute("data-still", still(src));
    var box = document.createElement("span");
    box.className = "motion";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "motion-toggle";
    img.parentNode.insertBefore(box, img);
    box.appendChild(img);
    box.appendChild(button);
    button.addEventListener("click", function () {
      show(img, img.getAttribute("data-playing") !== "true");
    });
    // Enter and Space press the button; they must not also move a slide deck on
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") event.stopPropagation();
    });
    button.addEventListener("keypress", function (event) { event.stopPropagation(); });
    show(img, !(reduce && reduce.matches));
  }

  function controlAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("img"), control);
  }

  function pauseAll() {
    Array.prototype.forEach.call(document.querySelectorAll("img[data-gif]"), function (img) {
      show(img, false);
    });
  }

  var style = document.createElement("style");
  style.textContent = STYLE;
  document.head.appendChild(style);
  if (reduce && reduce.addEventListener) {
    reduce.addEventListener("change", function (event) { if (event.matches) pauseAll(); });
  }
  window.handsonMotion = { controlAll: controlAll, pauseAll: pauseAll };
  function start() {
    controlAll(document);
    // Material's instant navigation swaps the page without reloading the scripts
    if (typeof document$ !== "undefined") document$.subscribe(function () { controlAll(document); });
    // `handson serve` swapped new slides into a running deck
    document.addEventListener("handson:slides", function () { controlAll(document); });
  }
  // a deck loads this before remark.create() renders the slides: wait until the page is parsed
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
