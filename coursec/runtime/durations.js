/* coursec durations: times and durations the way each standard writes them.
 * In:  milliseconds, or a Date.
 * Out: iso(ms) ISO 8601 duration, seconds with at most 2 decimals (xAPI, SCORM 2004: PT1H2M3.45S);
 *      timespan(ms) SCORM 1.2 CMITimespan HHHH:MM:SS.SS (hours capped at 9999); clock(date)
 *      SCORM 1.2 CMITime HH:MM:SS (local time); timestamp(date) SCORM 2004 time, UTC, <= 2
 *      decimals; pad(n, width).
 * Pure. Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).durations = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }
  function iso(ms) {
    var cs = Math.max(0, Math.round(ms / 10)), h = Math.floor(cs / 360000);
    cs -= h * 360000;
    var m = Math.floor(cs / 6000); cs -= m * 6000;
    var s = Math.floor(cs / 100); cs -= s * 100;
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + s + (cs ? '.' + (cs < 10 ? '0' : '') + cs : '') + 'S';
  }
  function timespan(ms) {
    var cs = Math.max(0, Math.round(ms / 10)), h = Math.min(9999, Math.floor(cs / 360000));
    cs -= Math.floor(cs / 360000) * 360000;
    var m = Math.floor(cs / 6000); cs -= m * 6000;
    var s = Math.floor(cs / 100); cs -= s * 100;
    return pad(h, 4) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(cs, 2);
  }
  function clock(d) { return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2); }
  function timestamp(d) { return d.toISOString().slice(0, 22) + 'Z'; }
  return { iso: iso, timespan: timespan, clock: clock, timestamp: timestamp, pad: pad };
});
