/*
 * Glossary tooltips (Material's content.tooltips) made to meet WCAG 1.4.13:
 * - Escape hides an open tooltip without moving the pointer or focus; it
 *   comes back on the next hover or focus of a term.
 * - Material closes a tooltip the moment the pointer leaves its term, so the
 *   pointer cannot reach it: here it is held open for a moment, and for as
 *   long as the pointer is on it (class pp-tip-held, help.css).
 * - On a phone the tooltip is docked to the top or bottom of the screen,
 *   away from the term (help.css), so it does not cover the line being read.
 * - Material adds each tooltip at the end of <body>, outside every landmark;
 *   it is moved into <main> so screen reader users find it in place.
 */
(function () {
  "use strict"

  var body = document.body

  function isTooltip(node) {
    return node.nodeType === 1 && /^__tooltip2_/.test(node.id || "")
  }

  /* Keep tooltips inside <main>. */
  function adopt(node) {
    var main = document.querySelector("main")
    if (main && node.parentNode !== main) main.appendChild(node)
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) { if (isTooltip(node)) adopt(node) })
    })
  }).observe(body, { childList: true })

  /* Dock the phone tooltip on the half of the screen the term is not in. */
  function dockFor(term) {
    var box = term.getBoundingClientRect()
    body.setAttribute("data-pp-tip", box.top + box.height / 2 > window.innerHeight / 2 ? "top" : "bottom")
  }

  function onTerm(event) {
    var term = event.target.closest && event.target.closest(".md-content abbr")
    if (!term) return
    body.removeAttribute("data-pp-tip-dismissed")
    dockFor(term)
  }
  document.addEventListener("focusin", onTerm)
  document.addEventListener("pointerover", onTerm)
  document.addEventListener("touchstart", onTerm, { passive: true })

  /* Hold a tooltip open while the pointer travels from its term onto it. */
  var held = null
  var timer = 0
  function release() {
    window.clearTimeout(timer)
    if (held) held.classList.remove("pp-tip-held")
    held = null
  }
  function tooltipOf(term) {
    var id = term.getAttribute("aria-describedby")
    return id ? document.getElementById(id) : null
  }
  document.addEventListener("mouseout", function (event) {
    var term = event.target.closest && event.target.closest(".md-content abbr")
    if (!term || (event.relatedTarget && term.contains(event.relatedTarget))) return
    var tip = tooltipOf(term)
    if (!tip || body.hasAttribute("data-pp-tip-dismissed")) return
    release()
    held = tip
    tip.classList.add("pp-tip-held")
    timer = window.setTimeout(function check() {
      /* Held while the pointer is on the tooltip; released a moment after it leaves. */
      if (held !== tip) return
      if (tip.matches(":hover")) timer = window.setTimeout(check, 300)
      else release()
    }, 400)
  })
  document.addEventListener("mouseover", function (event) {
    var onTerm = event.target.closest && event.target.closest(".md-content abbr")
    if (held && onTerm && tooltipOf(onTerm) !== held) release()
  })

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && (held || document.querySelector(".md-tooltip2--active"))) {
      release()
      body.setAttribute("data-pp-tip-dismissed", "")
    }
  })
})()
