/*
 * coursec preview, inside the course page (the preview adds it to the index.html it serves,
 * never to a build): keeps the course data object the player starts with, so that the panel
 * (patch.js) can change a question's text in it when it patches a page in place.
 * In:  the adapter script installing window.coursecTransport (it runs after this one: the
 *      page's scripts are deferred), the player calling its init({data: cs-data, ...}).
 * Out: window.coursecPreview = {data: the player's cs-data object (null until init), inits:
 *      how many times init ran}. The transport itself is untouched.
 */
(function (win) {
  'use strict';
  var held = win.coursecPreview = { data: null, inits: 0 };
  var transport;
  Object.defineProperty(win, 'coursecTransport', {
    configurable: true,
    enumerable: true,
    get: function () { return transport; },
    set: function (t) {
      transport = t;
      if (!t || typeof t.init !== 'function') return;
      var init = t.init;
      t.init = function (info) {
        held.data = info && info.data ? info.data : null;
        held.inits += 1;
        return init.apply(t, arguments);
      };
    }
  });
})(window);
