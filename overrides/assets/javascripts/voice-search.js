/*
 * Search serves the reader's voice. On a page in a voice other than staff
 * (the young people's version), results from that voice come first, and pages
 * for the people who change the kit (contributing, maintainers) are left out.
 * Material renders results into .md-search-result__list as they come (and more
 * as the list scrolls): each change is put in order again.
 */
(function () {
  var meta = document.querySelector('meta[name="plainpolicy-voice"]')
  if (!meta || meta.content === "staff" || !meta.dataset.folder) return
  var own = "/" + meta.dataset.folder + "/"
  var hidden = (meta.dataset.private || "").split(" ").filter(Boolean).map(function (folder) {
    return "/" + folder
  })

  function path(item) {
    var link = item.querySelector("a")
    return link ? new URL(link.href, document.baseURI).pathname : ""
  }

  function arrange(list) {
    var items = Array.prototype.slice.call(list.children)
    var kept = items.filter(function (item) {
      var where = path(item)
      var drop = hidden.some(function (folder) { return where.indexOf(folder) !== -1 })
      if (drop) item.remove()
      return !drop
    })
    var mine = kept.filter(function (item) { return path(item).indexOf(own) !== -1 })
    var others = kept.filter(function (item) { return path(item).indexOf(own) === -1 })
    var wanted = mine.concat(others)
    var inOrder = wanted.every(function (item, index) { return list.children[index] === item })
    if (!inOrder) wanted.forEach(function (item) { list.appendChild(item) })
  }

  var list = document.querySelector(".md-search-result__list")
  if (!list) return
  new MutationObserver(function () { arrange(list) }).observe(list, { childList: true })
})()
