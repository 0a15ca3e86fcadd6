/* coursec expr: the scenario condition language (coursec/parse/expr.py, Expr.to_json), evaluated.
 * In:  a condition as cs-data ships it: ['cmp', name, op, int] | ['flag', name] | ['not', e] |
 *      ['and', e...] | ['or', e...]; an environment {comps: [names], flags: [names],
 *      scores: [int per comp], on: [bool per flag]}. The name 'total' is the sum of the scores;
 *      an unknown competency is 0, an unknown flag is unset.
 * Out: evaluate(e, env) -> true | false (an unknown operator is false).
 * Pure. Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).expr = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  var OPS = {
    '>=': function (a, b) { return a >= b; }, '<=': function (a, b) { return a <= b; },
    '>': function (a, b) { return a > b; }, '<': function (a, b) { return a < b; },
    '==': function (a, b) { return a === b; }, '!=': function (a, b) { return a !== b; }
  };
  function sum(a) { var t = 0; for (var i = 0; i < a.length; i++) t += a[i]; return t; }
  function evaluate(e, env) {
    var i;
    switch (e[0]) {
      case 'cmp':
        i = env.comps.indexOf(e[1]);
        if (!OPS[e[2]]) return false;
        return OPS[e[2]](e[1] === 'total' ? sum(env.scores) : i >= 0 ? env.scores[i] : 0, e[3]);
      case 'flag': i = env.flags.indexOf(e[1]); return i >= 0 && !!env.on[i];
      case 'not': return !evaluate(e[1], env);
      case 'and': for (i = 1; i < e.length; i++) if (!evaluate(e[i], env)) return false; return true;
      case 'or': for (i = 1; i < e.length; i++) if (evaluate(e[i], env)) return true; return false;
    }
    return false;
  }
  return { evaluate: evaluate, sum: sum };
});
