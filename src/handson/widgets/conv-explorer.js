// Convolution explorer (src/handson/widgets/; on the site and on any slide holding a
// <div class="conv-explorer">): pick the input size i, kernel k, padding, stride s and dilation d; see the
// padded input, the kernel's window and the output grid, step through the positions, and read the
// output size with its formula and the Keras line that builds the same layer.
// Plain JavaScript, no framework, no server, no network: it works from file://.
// Colours come from CSS custom properties written by snippets/cnn/explorer_cases.py from the same
// rules (snippets/cnn/_convstyle.py) that draw the course's GIFs; shapes and patterns (dashed
// padding with a 0, hatched window cells, a dot in finished cells) tell the roles apart too.
// What Keras does is the judge: tests/test_explorer.py drives this explorer through a grid of
// cases and compares every answer with Keras' own (build/outputs/cnn/explorer_cases/cases.json).
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var LIMITS = { i: [1, 32], k: [1, 7], s: [1, 4], d: [1, 3] };

  // One axis of the layer: output size and the zeros added before and after (Keras' rules).
  function plan(i, k, padding, s, d) {
    var span = d * (k - 1) + 1; // cells a dilated kernel covers
    var before, after, o, total;
    if (padding === "same") {
      o = Math.ceil(i / s); // TensorFlow keeps ceil(i / s) cells ...
      total = Math.max((o - 1) * s + span - i, 0); // ... and pads what that needs,
      before = Math.floor(total / 2); // the odd zero going after
      after = total - before;
    } else {
      before = after = padding === "valid" ? 0 : padding;
      o = Math.floor((i + before + after - span) / s) + 1;
    }
    var error = null;
    if (s > 1 && d > 1) {
      error = "Keras refuses strides > 1 together with dilation_rate > 1";
    } else if (o < 1) {
      error = "the kernel's span (" + span + " cells) is wider than the padded input (" +
        (i + before + after) + " cells): no output";
    }
    return { i: i, k: k, s: s, d: d, padding: padding, span: span, before: before,
      after: after, output: error ? 0 : o, error: error };
  }

  function formula(p) {
    var i = p.i, k = p.k, s = p.s, d = p.d;
    if (p.padding === "same") {
      return "same: o = \u2308i / s\u2309 = \u2308" + i + " / " + s + "\u2309 = " + Math.ceil(i / s) +
        "; zeros needed = (o \u2212 1)\u00b7s + d(k \u2212 1) + 1 \u2212 i = " +
        (p.before + p.after) + ": " + p.before + " before, " + p.after + " after";
    }
    var pad = p.before;
    var top = i + 2 * pad - d * (k - 1) - 1;
    return "o = \u230a(i + 2p \u2212 d(k \u2212 1) \u2212 1) / s\u230b + 1 = \u230a(" + i + " + 2\u00b7" +
      pad + " \u2212 " + d + "\u00b7(" + k + " \u2212 1) \u2212 1) / " + s + "\u230b + 1 = \u230a" +
      top + " / " + s + "\u230b + 1 = " + (Math.floor(top / s) + 1);
  }

  function kerasLine(p) {
    var conv = "layers.Conv2D(filters, " + p.k + ", strides=" + p.s + ", padding=\"" +
      (typeof p.padding === "number" ? "valid" : p.padding) + "\", dilation_rate=" + p.d + ")";
    return typeof p.padding === "number" ? "layers.ZeroPadding2D(" + p.padding + "),\n" + conv : conv;
  }

  // The (row, col) cells of the padded input that output cell `index` reads.
  function taps(p, index) {
    var o = p.output, r = Math.floor(index / o), c = index % o, out = [];
    for (var a = 0; a < p.k; a++) {
      for (var b = 0; b < p.k; b++) out.push([r * p.s + a * p.d, c * p.s + b * p.d]);
    }
    return out;
  }

  function el(tag, attrs, text) {
    var node = tag.indexOf("svg:") === 0 ? document.createElementNS(SVG, tag.slice(4))
      : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var count = 0;

  function Explorer(root) {
    count += 1;
    this.id = "conv-explorer-" + count;
    this.root = root;
    this.state = {
      i: +root.dataset.i || 5, k: +root.dataset.k || 3, s: +root.dataset.s || 1,
      d: +root.dataset.d || 1, padding: parsePadding(root.dataset.padding || "valid"),
    };
    this.step = 0;
    this.timer = null;
    this.build();
    this.update();
  }

  function parsePadding(value) {
    return value === "valid" || value === "same" ? value : +value;
  }

  Explorer.prototype.field = function (name, label, help) {
    var id = this.id + "-" + name;
    var wrap = el("div", { class: "ce-field" });
    wrap.appendChild(el("label", { for: id }, label));
    var input = el("input", { id: id, type: "number", min: LIMITS[name][0], max: LIMITS[name][1],
      step: 1, value: this.state[name], name: name, "aria-describedby": id + "-help" });
    wrap.appendChild(input);
    wrap.appendChild(el("span", { id: id + "-help", class: "ce-help" }, help));
    var self = this;
    input.addEventListener("input", function () {
      var value = Math.round(+input.value);
      if (!isNaN(value) && value >= LIMITS[name][0] && value <= LIMITS[name][1]) {
        self.state[name] = value;
        self.step = 0;
        self.update();
      }
    });
    this.inputs[name] = input;
    return wrap;
  };

  Explorer.prototype.build = function () {
    var self = this, root = this.root;
    root.textContent = "";
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", "Convolution explorer");
    // keys typed into the explorer are the explorer's: a slideshow (remark.js listens on the
    // document for arrows, space and letters) must not turn the page under the student's hands
    ["keydown", "keypress", "keyup"].forEach(function (type) {
      root.addEventListener(type, function (event) {
        var button = event.target.tagName === "BUTTON";
        if (!button || event.key === "Enter" || event.key === " ") event.stopPropagation();
      });
    });
    this.inputs = {};
    var controls = el("div", { class: "ce-controls" });
    controls.appendChild(this.field("i", "input size i", "cells per side"));
    controls.appendChild(this.field("k", "kernel k", "cells per side"));
    var padId = this.id + "-padding";
    var padWrap = el("div", { class: "ce-field" });
    padWrap.appendChild(el("label", { for: padId }, "padding"));
    var select = el("select", { id: padId, name: "padding" });
    ["valid", "same", 1, 2, 3].forEach(function (value) {
      var text = typeof value === "number" ? value + " (explicit ring of zeros)" : "\"" + value + "\"";
      var option = el("option", { value: String(value) }, text);
      select.appendChild(option);
    });
    select.value = String(this.state.padding);
    select.addEventListener("change", function () {
      self.state.padding = parsePadding(select.value);
      self.step = 0;
      self.update();
    });
    padWrap.appendChild(select);
    padWrap.appendChild(el("span", { class: "ce-help" }, "zeros around the input"));
    controls.appendChild(padWrap);
    this.inputs.padding = select;
    controls.appendChild(this.field("s", "stride s", "cells per move"));
    controls.appendChild(this.field("d", "dilation d", "gap between taps"));
    root.appendChild(controls);

    var player = el("div", { class: "ce-player" });
    this.back = el("button", { type: "button", class: "ce-back" }, "\u25c0 Step back");
    this.play = el("button", { type: "button", class: "ce-play", "aria-pressed": "false" }, "\u25b6 Play");
    this.forward = el("button", { type: "button", class: "ce-forward" }, "Step forward \u25b6");
    this.position = el("span", { class: "ce-position" });
    this.back.addEventListener("click", function () { self.pause(); self.move(-1); });
    this.forward.addEventListener("click", function () { self.pause(); self.move(1); });
    this.play.addEventListener("click", function () { self.timer ? self.pause() : self.start(); });
    [this.back, this.play, this.forward, this.position].forEach(function (n) { player.appendChild(n); });
    root.appendChild(player);

    this.figure = el("svg:svg", { class: "ce-figure", role: "img" });
    root.appendChild(this.figure);
    this.legend = el("p", { class: "ce-legend" });
    this.legend.innerHTML =
      '<span class="ce-key ce-key-input" aria-hidden="true"></span> input ' +
      '<span class="ce-key ce-key-padding" aria-hidden="true">0</span> padding (zeros, dashed) ' +
      '<span class="ce-key ce-key-window" aria-hidden="true"></span> cells the kernel reads (hatched) ' +
      '<span class="ce-key ce-key-done" aria-hidden="true"></span> output done (dot)';
    root.appendChild(this.legend);

    this.size = el("p", { class: "ce-size", role: "status", "aria-live": "polite" });
    this.formula = el("p", { class: "ce-formula" });
    this.keras = el("pre", { class: "ce-keras" });
    this.code = el("code", {});
    this.keras.appendChild(this.code);
    [this.size, this.formula, this.keras].forEach(function (n) { root.appendChild(n); });
  };

  Explorer.prototype.positions = function () {
    return this.plan.error ? 0 : this.plan.output * this.plan.output;
  };

  Explorer.prototype.move = function (delta) {
    var n = this.positions();
    if (!n) return;
    this.step = (this.step + delta + n) % n;
    this.draw();
  };

  Explorer.prototype.start = function () {
    var self = this;
    if (!this.positions()) return;
    this.play.textContent = "\u275a\u275a Pause";
    this.play.setAttribute("aria-pressed", "true");
    this.timer = window.setInterval(function () { self.move(1); }, 700);
  };

  Explorer.prototype.pause = function () {
    if (this.timer) window.clearInterval(this.timer);
    this.timer = null;
    this.play.textContent = "\u25b6 Play";
    this.play.setAttribute("aria-pressed", "false");
  };

  Explorer.prototype.update = function () {
    var st = this.state;
    var p = this.plan = plan(st.i, st.k, st.padding, st.s, st.d);
    var root = this.root;
    root.dataset.output = p.output;
    root.dataset.before = p.before;
    root.dataset.after = p.after;
    root.dataset.error = p.error || "";
    this.size.textContent = p.error ? "No output: " + p.error + "."
      : "Output " + p.output + " \u00d7 " + p.output + " (" + p.output * p.output + " positions); " +
        "padding " + p.before + " before, " + p.after + " after.";
    this.formula.textContent = formula(p);
    this.code.textContent = kerasLine(p);
    [this.back, this.play, this.forward].forEach(function (b) { b.disabled = !!p.error; });
    if (p.error) this.pause();
    this.draw();
  };

  Explorer.prototype.draw = function () {
    var p = this.plan, svg = this.figure;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var n = p.i + p.before + p.after;
    var cell = Math.max(8, Math.min(30, Math.floor(300 / Math.max(n, 1))));
    var gap = 40, o = p.output;
    var width = n * cell + gap + Math.max(o, 1) * cell + 4;
    var height = Math.max(n, o, 1) * cell + 24;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    var defs = el("svg:defs");
    var hatch = el("svg:pattern", { id: this.id + "-hatch", width: 6, height: 6,
      patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    hatch.appendChild(el("svg:rect", { width: 6, height: 6, class: "ce-window" }));
    hatch.appendChild(el("svg:line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "ce-hatch" }));
    defs.appendChild(hatch);
    svg.appendChild(defs);
    svg.appendChild(el("svg:text", { x: 0, y: 12, class: "ce-title" },
      "input " + p.i + "\u00d7" + p.i + (n > p.i ? " + padding" : "")));
    var read = {};
    var positions = this.positions();
    if (positions) {
      this.step = Math.min(this.step, positions - 1);
      taps(p, this.step).forEach(function (t) { read[t[0] + "," + t[1]] = true; });
    }
    var top = 18;
    for (var y = 0; y < n; y++) {
      for (var x = 0; x < n; x++) {
        var pad = y < p.before || x < p.before || y >= p.before + p.i || x >= p.before + p.i;
        var attrs = { x: x * cell, y: top + y * cell, width: cell, height: cell,
          class: pad ? "ce-padding" : "ce-input" };
        svg.appendChild(el("svg:rect", attrs));
        if (read[y + "," + x]) {
          svg.appendChild(el("svg:rect", { x: x * cell, y: top + y * cell, width: cell,
            height: cell, class: "ce-read", fill: "url(#" + this.id + "-hatch)" }));
        }
        if (pad && cell >= 14) {
          svg.appendChild(el("svg:text", { x: x * cell + cell / 2, y: top + y * cell + cell * 0.68,
            class: "ce-zero" }, "0"));
        }
      }
    }
    var left = n * cell + gap;
    svg.appendChild(el("svg:text", { x: left, y: 12, class: "ce-title" },
      p.error ? "no output" : "output " + o + "\u00d7" + o));
    if (positions) {
      var r0 = Math.floor(this.step / o), c0 = this.step % o;
      var first = taps(p, this.step)[0];
      svg.appendChild(el("svg:rect", { x: first[1] * cell, y: top + first[0] * cell,
        width: p.span * cell, height: p.span * cell, class: "ce-window-outline" }));
      for (var index = 0; index < positions; index++) {
        var r = Math.floor(index / o), c = index % o;
        var kind = index < this.step ? "ce-done" : index === this.step ? "ce-current" : "ce-todo";
        svg.appendChild(el("svg:rect", { x: left + c * cell, y: top + r * cell, width: cell,
          height: cell, class: kind }));
        if (index < this.step) {
          svg.appendChild(el("svg:circle", { cx: left + c * cell + cell / 2,
            cy: top + r * cell + cell / 2, r: Math.max(2, cell / 7), class: "ce-dot" }));
        }
      }
      svg.appendChild(el("svg:rect", { x: left + c0 * cell, y: top + r0 * cell, width: cell,
        height: cell, class: "ce-current-outline" }));
      this.position.textContent = "cell " + (this.step + 1) + " of " + positions + " (row " +
        (r0 + 1) + ", column " + (c0 + 1) + ")";
      svg.setAttribute("aria-label", "Input " + p.i + " by " + p.i + " with " + p.before +
        " zeros before and " + p.after + " after; the " + p.k + " by " + p.k + " kernel" +
        (p.d > 1 ? " (dilation " + p.d + ")" : "") + " computes output row " + (r0 + 1) +
        ", column " + (c0 + 1) + " of a " + o + " by " + o + " output.");
    } else {
      this.position.textContent = "no positions";
      svg.setAttribute("aria-label", "Input " + p.i + " by " + p.i + ": " + p.error + ".");
    }
  };

  function init() {
    document.querySelectorAll(".conv-explorer").forEach(function (root) {
      if (!root.explorer) root.explorer = new Explorer(root);
    });
  }

  window.ConvExplorer = { plan: plan, init: init };
  document.addEventListener("handson:slides", init); // `handson serve` swapped new slides in
  if (typeof document$ !== "undefined") {
    document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
