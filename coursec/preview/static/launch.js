/*
 * coursec preview: the launch data an LMS gives a SCO, the way Moodle builds it, for the LMS
 * panel (panel.js) to preload its scorm-again API object with.
 * In:  the adapter (scorm12 | scorm2004), what the LMS stored at the last commit (flattened
 *      cmi values), the package's mastery score (percent, or null).
 * Out: window.coursecLaunchData(adapter, stored, mastery) -> the flattened cmi values: learner,
 *      mode (review once an attempt finished), credit, entry (ab-initio | resume | ''), status,
 *      the stored location, suspend_data, score and time, the mastery score.
 */
(function () {
  'use strict';
  function num(x) { return String(Math.round(x * 1e6) / 1e6); }
  function launchData(adapter, prior, mastery) {
    var cmi = {}, has = Object.keys(prior).length > 0, mode, complete;
    var copy = function (keys) { keys.forEach(function (k) { if (prior[k]) cmi[k] = prior[k]; }); };
    if (adapter === 'scorm12') {
      var st = prior['cmi.core.lesson_status'] || 'not attempted';
      complete = ['completed', 'passed', 'failed'].indexOf(st) >= 0;
      mode = has && complete ? 'review' : 'normal';
      cmi['cmi.core.student_id'] = 'preview';
      cmi['cmi.core.student_name'] = 'Preview, Learner';
      cmi['cmi.core.lesson_mode'] = mode;
      cmi['cmi.core.credit'] = mode === 'normal' ? 'credit' : 'no-credit';
      cmi['cmi.core.entry'] = !has ? 'ab-initio' : prior['cmi.core.exit'] === 'suspend' ? 'resume' : '';
      cmi['cmi.core.lesson_status'] = st;
      copy(['cmi.core.lesson_location', 'cmi.suspend_data', 'cmi.core.score.raw',
        'cmi.core.score.min', 'cmi.core.score.max', 'cmi.core.total_time']);
      if (mastery !== null && mastery !== undefined) cmi['cmi.student_data.mastery_score'] = num(mastery);
    } else {
      var completion = prior['cmi.completion_status'] || 'unknown';
      complete = completion === 'completed' || ['passed', 'failed'].indexOf(prior['cmi.success_status']) >= 0;
      mode = has && complete ? 'review' : 'normal';
      cmi['cmi.learner_id'] = 'preview';
      cmi['cmi.learner_name'] = 'Preview, Learner';
      cmi['cmi.mode'] = mode;
      cmi['cmi.credit'] = mode === 'normal' ? 'credit' : 'no-credit';
      cmi['cmi.entry'] = !has ? 'ab-initio' : prior['cmi.exit'] === 'suspend' ? 'resume' : '';
      cmi['cmi.completion_status'] = completion;
      cmi['cmi.success_status'] = prior['cmi.success_status'] || 'unknown';
      copy(['cmi.location', 'cmi.suspend_data', 'cmi.progress_measure', 'cmi.score.raw',
        'cmi.score.min', 'cmi.score.max', 'cmi.score.scaled', 'cmi.total_time']);
      if (mastery !== null && mastery !== undefined) cmi['cmi.scaled_passing_score'] = num(mastery / 100);
    }
    return cmi;
  }
  window.coursecLaunchData = launchData;
})();
