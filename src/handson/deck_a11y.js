/* Decks for assistive technology (handson.deck writes it beside every deck's index.html; it
   waits until the page is parsed, so until remark.create() has rendered the slides):
   - every slide is a group named "Slide N of M: <its first heading>" (or its first words);
   - a polite live region announces each slide change with the slide's number and title;
   - a "Keyboard help" button opens remark's own help screen (the list of keys), announced as a
     dialog that takes the focus; the button, H or Escape (remark's keys) close it. */
function handsonDeckA11y() {
  "use strict";
  if (typeof slideshow === "undefined") return;

  function text(el) {
    return (el ? el.textContent : "").replace(/\s+/g, " ").trim();
  }

  function heading(container) {
    var h = container.querySelector(".remark-slide-content h1, .remark-slide-content h2, .remark-slide-content h3");
    if (h) return text(h);
    var words = text(container.querySelector(".remark-slide-content")).replace(/\d+\s*\/\s*\d+$/, "");
    return words.length > 60 ? words.slice(0, 60).replace(/\s+\S*$/, "") + "…" : words;
  }

  // "3 / 31" as remark prints it (incremental steps share their slide's number)
  function number(container, index) {
    var printed = text(container.querySelector(".remark-slide-number")).match(/^(\d+)\s*\/\s*(\d+)$/);
    return printed ? [printed[1], printed[2]] : [String(index + 1), String(slideshow.getSlideCount())];
  }

  function label(container, index) {
    var n = number(container, index);
    var title = heading(container);
    return "Slide " + n[0] + " of " + n[1] + (title ? ": " + title : "");
  }

  var containers;
  function labelAll() {
    containers = document.querySelectorAll(".remark-slides-area > .remark-slide-container");
    Array.prototype.forEach.call(containers, function (container, index) {
      container.setAttribute("role", "group");
      container.setAttribute("aria-roledescription", "slide");
      container.setAttribute("aria-label", label(container, index));
    });
  }
  labelAll();
  // `handson serve` swapped new slides into the running slideshow: label them too
  document.addEventListener("handson:slides", labelAll);

  var status = document.createElement("div");
  status.id = "deck-status";
  status.className = "deck-sr-only";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.setAttribute("aria-atomic", "true");
  document.body.appendChild(status);
  slideshow.on("afterShowSlide", function (shown) {
    // remark passes the slide (or, inside, its index); the current index is not updated yet
    var index = typeof shown === "number" ? shown : shown.getSlideIndex();
    var container = containers[index];
    var slide = slideshow.getSlides()[index];
    if (!container) return;
    var step = slide && slide.properties.continued === "true" ? ", next step" : "";
    status.textContent = container.getAttribute("aria-label").replace(/:/, step + ":");
  });

  // remark's help screen lists the keys; a button reaches it without knowing that "h" opens it
  var container = document.body;  // remark's container (it also marks <html> remark-container)
  var help = document.querySelector(".remark-help");
  var content = help && help.querySelector(".remark-help-content");
  if (!content) return;
  content.setAttribute("role", "dialog");
  content.setAttribute("aria-label", "Keyboard shortcuts of this deck");
  content.setAttribute("tabindex", "-1");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "deck-help-button";
  button.textContent = "Keyboard help (H)";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "deck-help");
  help.id = "deck-help";
  document.body.appendChild(button);
  function isOpen() {
    return container.classList.contains("remark-help-mode");
  }
  button.addEventListener("click", function () {
    slideshow.toggleHelp();
  });
  // Enter and Space press the button, not remark's "next slide"
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") event.stopPropagation();
  });
  button.addEventListener("keypress", function (event) { event.stopPropagation(); });
  new MutationObserver(function () {
    var open = isOpen();
    if (String(open) === button.getAttribute("aria-expanded")) return;
    button.setAttribute("aria-expanded", String(open));
    if (open) content.focus();
    else if (document.activeElement === content) button.focus();
  }).observe(container, { attributes: true, attributeFilter: ["class"] });
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", handsonDeckA11y);
else handsonDeckA11y();
