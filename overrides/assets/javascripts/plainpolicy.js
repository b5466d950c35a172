/*
 * Small accessibility additions to Material, run on every page.
 */
document$.subscribe(function () {
  /*
   * Glossary tooltips for keyboard and touch users. Material shows an abbr's
   * tooltip on hover or focus, but an abbr cannot take focus on its own.
   * The first use of each term on a page joins the tab order; every other
   * use can still be tapped (tabindex -1), so a phone user can read any.
   */
  var seen = {}
  document.querySelectorAll(".md-content abbr").forEach(function (abbr) {
    var term = abbr.textContent.trim().toLowerCase()
    abbr.tabIndex = seen[term] ? -1 : 0
    seen[term] = true
  })

  /* A wide table scrolls sideways on a phone: keyboard users must be able to scroll it too. */
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    wrap.tabIndex = 0
  })
})
