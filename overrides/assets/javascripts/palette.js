/*
 * Light or dark: the job of Material's palette component, done before the page
 * is first drawn and without its start-up cost. (That component set and then
 * removed an attribute on <body> and read the header's computed style, which
 * restyled the whole page twice in the theme's start-up task.)
 * partials/palette.html marks the form data-pp-palette so the theme leaves it alone.
 *
 * - The colours are the reader's saved choice, else the device's light or dark
 *   setting (followed live until the reader chooses).
 * - The header button switches, and the choice is kept (Material's __palette
 *   record, so a choice made before this script still counts). Enter on the
 *   focused switch does the same, as in Material.
 * - The theme-color and color-scheme meta tags follow, once the page has loaded.
 * Runs in the header, right after the form; plain DOM code, no inline script.
 */
(function () {
  "use strict"

  var form = document.querySelector("form[data-pp-palette]")
  var inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input.md-option")) : []
  if (!inputs.length) return
  var body = document.body
  var KEYS = ["media", "scheme", "primary", "accent"]

  function colours(input) {
    var media = input.getAttribute("data-md-color-media")
    var source = input
    if (media === "(prefers-color-scheme)") {
      /* Material's "automatic" option: the colours of the light or dark option, as the device is set. */
      var light = matchMedia("(prefers-color-scheme: light)").matches
      source = form.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']") || input
    }
    var result = {}
    KEYS.forEach(function (key) {
      result[key] = key === "media" ? media : source.getAttribute("data-md-color-" + key)
    })
    return result
  }

  function savedIndex() {
    var saved = __md_get("__palette")
    if (!saved || typeof saved.index !== "number" || saved.index < 0) return -1
    return Math.min(saved.index, inputs.length - 1)
  }

  function deviceIndex() {
    for (var i = 0; i < inputs.length; i++) {
      if (matchMedia(inputs[i].getAttribute("data-md-color-media")).matches) return i
    }
    return 0
  }

  function current() {
    var saved = savedIndex()
    return saved >= 0 ? saved : deviceIndex()
  }

  /* Colours on <body> (only those that change), the switch's radio, and the button for the next option. */
  function show(index) {
    var chosen = colours(inputs[index])
    KEYS.forEach(function (key) {
      var name = "data-md-color-" + key
      if (chosen[key] !== null && body.getAttribute(name) !== chosen[key]) body.setAttribute(name, chosen[key])
    })
    inputs[index].checked = true
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling
      if (label && label.tagName === "LABEL") label.hidden = i !== index
    })
  }

  function meta(name) {
    var tag = document.head.querySelector("meta[name='" + name + "']")
    if (!tag) {
      tag = document.createElement("meta")
      tag.name = name
      document.head.appendChild(tag)
    }
    return tag
  }

  /* Browser colours, as Material sets them: read once the page is styled, so nothing is restyled early. */
  function updateMeta() {
    var header = document.querySelector("[data-md-component='header']")
    if (!header) return
    var style = window.getComputedStyle(header)
    meta("color-scheme").content = style.colorScheme
    var rgb = style.backgroundColor.match(/\d+/g)
    if (rgb) {
      meta("theme-color").content = "#" + rgb.slice(0, 3).map(function (value) {
        return (+value).toString(16).padStart(2, "0")
      }).join("")
    }
  }

  function choose(index) {
    /* No colour transitions while switching (Material's rule in palette.css). */
    body.setAttribute("data-md-color-switching", "")
    show(index)
    __md_set("__palette", { index: index, color: colours(inputs[index]) })
    updateMeta()
    window.setTimeout(function () { body.removeAttribute("data-md-color-switching") })
  }

  show(current())

  form.addEventListener("change", function (event) {
    var index = inputs.indexOf(event.target)
    if (index >= 0) choose(index)
  })

  /* Enter on the focused switch (Space already works on a radio): the next option, as in Material. */
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return
    event.preventDefault()
    var next = inputs[(current() + 1) % inputs.length]
    next.click()
    next.focus()
  })

  /* Until the reader chooses, follow the device when it switches between light and dark. */
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", function () {
    show(current())
    updateMeta()
  })

  if (document.readyState === "complete") updateMeta()
  else window.addEventListener("load", updateMeta)
})()
