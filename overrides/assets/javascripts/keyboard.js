/*
 * The menu and search buttons (partials/header.html: real buttons, so Enter
 * and Space work and screen readers say "button") drive Material's hidden
 * checkboxes. aria-expanded follows them; focus moves into the menu when it
 * opens and back to its button when Escape closes it. The closed menu is out
 * of the Tab order (help.css hides it where it is a drawer).
 */
(function () {
  "use strict"

  function buttonFor(id) {
    return document.querySelector("button.pp-header-button[data-pp-toggle='" + id + "']")
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

  function setToggle(toggle, checked) {
    toggle.checked = checked
    toggle.dispatchEvent(new Event("change", { bubbles: true }))
  }

  function setUp() {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id)
      var button = buttonFor(id)
      if (!toggle || !button) return
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false")
      toggle.addEventListener("change", function () {
        button.setAttribute("aria-expanded", toggle.checked ? "true" : "false")
      })
      button.addEventListener("click", function () {
        setToggle(toggle, !toggle.checked)
        if (!toggle.checked) return
        if (id === "__search") {
          var input = document.querySelector(".md-search__input")
          if (input) input.focus()
        } else {
          /* Once the drawer is visible again (help.css), focus its first link. */
          window.setTimeout(function () {
            var first = firstLinkIn(".md-sidebar--primary")
            if (first) first.focus()
          }, 50)
        }
      })
    })
  }

  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer")
    if (event.key === "Escape" && drawer && drawer.checked) {
      setToggle(drawer, false)
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
