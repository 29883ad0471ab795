// recoupe: link a fact's sentences across the columns; toggle highlight layers.
(function () {
  "use strict";
  function factIds(el) { return (el.getAttribute("data-fact") || "").split(" ").filter(Boolean); }
  function clear(cls) {
    document.querySelectorAll("." + cls).forEach(function (e) { e.classList.remove(cls); });
  }
  function mark(ids, cls) {
    ids.forEach(function (id) {
      document.querySelectorAll('[data-fact~="' + id + '"]').forEach(function (e) { e.classList.add(cls); });
    });
  }
  function scrollColumns(cls, origin) {
    document.querySelectorAll(".col .text").forEach(function (box) {
      if (origin && box.contains(origin)) { return; }
      var target = box.querySelector(".sent." + cls);
      if (target) { box.scrollTop = Math.max(0, target.offsetTop - 40); }
    });
  }
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-fact]") : null;
    if (el) { clear("linked"); mark(factIds(el), "linked"); }
    var ent = ev.target.closest ? ev.target.closest(".ent[data-entity]") : null;
    if (ent && window.CSS && CSS.escape) {
      clear("ent-linked");
      document.querySelectorAll('.ent[data-entity="' + CSS.escape(ent.getAttribute("data-entity")) + '"]')
        .forEach(function (e) { e.classList.add("ent-linked"); });
    }
  });
  document.addEventListener("mouseout", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-fact]") : null;
    if (el && !(ev.relatedTarget && el.contains(ev.relatedTarget))) { clear("linked"); }
    var ent = ev.target.closest ? ev.target.closest(".ent[data-entity]") : null;
    if (ent) { clear("ent-linked"); }
  });
  function select(el) {
    var again = el.classList.contains("selected");
    clear("selected");
    if (!again) { mark(factIds(el), "selected"); scrollColumns("selected", el); }
  }
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("a")) { return; }
    var el = ev.target.closest ? ev.target.closest("[data-fact]") : null;
    if (el) { select(el); }
  });
  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches && ev.target.matches(".fact-item[data-fact]")) {
      ev.preventDefault(); select(ev.target);
    }
  });
  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    var apply = function () { document.body.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked); };
    box.addEventListener("change", apply);
    apply();
  });
  var add = document.getElementById("add-block");
  if (add) {
    add.addEventListener("click", function () {
      var blocks = document.getElementById("blocks");
      var last = blocks.querySelector("fieldset:last-of-type");
      var copy = last.cloneNode(true);
      copy.querySelectorAll("input, textarea").forEach(function (f) { f.value = ""; });
      var legend = copy.querySelector("legend");
      legend.textContent = legend.textContent.replace(/\d+$/, String(blocks.children.length + 1));
      blocks.appendChild(copy);
    });
  }
})();
