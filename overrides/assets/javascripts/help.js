/*
 * Help, fast: "Skip to content" lands above the "Report a concern" panel,
 * links to the panel open it, and the quick exit leaves without a way back.
 * Plain DOM code; loaded on every page (mkdocs.yml extra_javascript).
 */
(function () {
  "use strict"

  /* Material's skip link goes to the first heading, below the panel: send it to the top of the content. */
  function skipToContentTop() {
    var article = document.querySelector(".md-content__inner")
    var skip = document.querySelector("a.md-skip:not(.pp-skip-help)")
    if (!article || !skip) return
    if (!article.id) article.id = "pp-content"
    article.tabIndex = -1
    skip.setAttribute("href", "#" + article.id)
  }

  /* Open the panel and put focus on its summary, so Enter or Space closes it again. */
  function openPanel() {
    var panel = document.getElementById("pp-report")
    if (!panel) return false
    var details = panel.querySelector("details")
    if (details) details.open = true
    var summary = panel.querySelector("summary")
    panel.scrollIntoView({ block: "start" })
    if (summary) summary.focus()
    return true
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a")
    if (!link) return
    if (link.hasAttribute("data-pp-exit")) {
      /* replace(): the Back button does not come back to this page. */
      event.preventDefault()
      window.location.replace(link.href)
      return
    }
    if (link.getAttribute("href") === "#pp-report" && openPanel()) {
      event.preventDefault()
      if (history.replaceState) history.replaceState(null, "", "#pp-report")
    }
  })

  function onLoad() {
    skipToContentTop()
    if (window.location.hash === "#pp-report") openPanel()
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onLoad)
  } else {
    onLoad()
  }
})()
