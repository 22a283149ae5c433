/**
 * The report's one script, as data: the HTML renderer inlines it and allows it by its SHA-256 hash in the
 * Content-Security-Policy. It only moves nodes the report already holds (descriptions written and escaped
 * by the renderer) into the tooltip; it never parses strings as markup.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var tip = document.getElementById('tip');
  var current = null;
  var article = document.getElementById('article-text');
  function hiddenLayer(n) {
    var m = /(?:^| )k-(\w+)/.exec(n.getAttribute('class') || '');
    return !!(m && article && article.classList.contains('hide-' + m[1]));
  }
  function findingIds(el) {
    var ids = [];
    for (var n = el; n && n.getAttribute; n = n.parentNode) {
      if (hiddenLayer(n)) continue;
      var f = n.getAttribute('data-f');
      if (f) f.split(' ').forEach(function (id) { if (ids.indexOf(id) < 0) ids.push(id); });
    }
    return ids;
  }
  function place(el) {
    var rects = el.getClientRects();
    var r = rects.length ? rects[0] : el.getBoundingClientRect();
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
    var top = r.bottom + 8;
    if (top + h > window.innerHeight - 8 && r.top - h - 8 > 0) top = r.top - h - 8;
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }
  function show(el) {
    if (current === el) return;
    hide();
    var nodes = [];
    findingIds(el).forEach(function (id) {
      var d = document.getElementById(id);
      if (d) { var c = d.cloneNode(true); c.removeAttribute('id'); nodes.push(c); }
    });
    if (!nodes.length) return;
    tip.replaceChildren.apply(tip, nodes);
    tip.hidden = false;
    current = el;
    el.classList.add('active');
    place(el);
  }
  function hide() {
    if (current) current.classList.remove('active');
    current = null;
    tip.hidden = true;
  }
  function target(e) {
    return e.target && e.target.closest ? e.target.closest('[data-f]') : null;
  }
  document.addEventListener('mouseover', function (e) {
    var t = target(e);
    if (t) show(t); else if (current && !(document.activeElement && document.activeElement === current)) hide();
  });
  document.addEventListener('focusin', function (e) { var t = target(e); if (t) show(t); else hide(); });
  document.addEventListener('focusout', function () { hide(); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hide(); });
  window.addEventListener('scroll', function () { if (current) place(current); }, { passive: true });
  // A hidden layer's marks leave the tab order; a shown layer's first pieces rejoin it.
  function sync(box) {
    var layer = box.getAttribute('data-layer');
    article.classList.toggle('hide-' + layer, !box.checked);
    Array.prototype.forEach.call(article.querySelectorAll('mark.k-' + layer + ':not(.cont)'), function (m) {
      m.setAttribute('tabindex', box.checked ? '0' : '-1');
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('input[data-layer]'), function (box) {
    sync(box);
    box.addEventListener('change', function () { sync(box); });
  });
})();
`;
