/*
 * Keyboard access to Material's menu and search buttons (partials/header.html
 * makes them focusable buttons): Enter or Space opens them, aria-expanded
 * follows them, focus moves into the menu when it opens and back to the
 * button when Escape closes it. The closed menu is out of the Tab order
 * (help.css hides it at phone widths).
 */
(function () {
  "use strict"

  function buttonFor(id) {
    return document.querySelector("label.pp-header-button[for='" + id + "']")
  }

  function firstLinkIn(selector) {
    var area = document.querySelector(selector)
    if (!area) return null
    var links = area.querySelectorAll("a[href], label[tabindex='0']")
    for (var i = 0; i < links.length; i++) {
      if (links[i].getClientRects().length) return links[i]
    }
    return null
  }

  function follow(toggle) {
    var button = buttonFor(toggle.id)
    if (!button) return
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false")
  }

  function setUp() {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id)
      if (!toggle) return
      follow(toggle)
      toggle.addEventListener("change", function () {
        follow(toggle)
        /* Opened from its button: focus moves into the menu, once it is visible (help.css). */
        if (id === "__drawer" && toggle.checked && document.activeElement === buttonFor(id)) {
          window.setTimeout(function () {
            var first = firstLinkIn(".md-sidebar--primary")
            if (first) first.focus()
          }, 50)
        }
      })
    })
  }

  /* Material itself clicks a focused label on Enter; Space is ours. */
  document.addEventListener("keydown", function (event) {
    var target = event.target
    var drawer = document.getElementById("__drawer")
    if (event.key === " " && target.matches && target.matches("label.pp-header-button")) {
      event.preventDefault()
      target.click()
      return
    }
    if (event.key === "Escape" && drawer && drawer.checked) {
      drawer.checked = false
      drawer.dispatchEvent(new Event("change"))
      var button = buttonFor("__drawer")
      if (button) button.focus()
    }
  })

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp)
  } else {
    setUp()
  }
})()
