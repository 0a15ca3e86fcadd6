<?php
// Replace the package of an existing SCORM activity, the way a teacher does it in the activity's
// settings ("Package file" -> upload the new zip -> Save): update_moduleinfo() with the new file
// in a draft area, so scorm_update_instance() stores it and scorm_parse() re-reads the manifest
// (SCOs matched by item identifier keep their id, so their tracks stay). Attempts are untouched.
//
//   php test_release_update_package.php --dirroot=DIR --cmid=N --zip=/path/pkg.zip
//
// Prints JSON: the SCOs (id, identifier, launch) before and after, the activity's version,
// sha1hash and revision before and after. Run as the web server user (it writes the dataroot).
// Used by tests/acceptance/test_release_moodle.py.
define('CLI_SCRIPT', true);

$opts = getopt('', ['dirroot:', 'cmid:', 'zip:']);
foreach (['dirroot', 'cmid', 'zip'] as $req) {
    if (empty($opts[$req])) {
        fwrite(STDERR, "--{$req} is required\n");
        exit(2);
    }
}
$zip = realpath($opts['zip']);
if (!$zip || !is_readable($zip)) {
    fwrite(STDERR, "cannot read zip {$opts['zip']}\n");
    exit(2);
}
require($opts['dirroot'] . '/config.php');
require_once($CFG->dirroot . '/course/lib.php');
require_once($CFG->dirroot . '/course/modlib.php');
require_once($CFG->dirroot . '/mod/scorm/lib.php');
require_once($CFG->dirroot . '/mod/scorm/locallib.php');
require_once($CFG->libdir . '/gradelib.php');

\core\session\manager::set_user(get_admin());
$cm = get_coursemodule_from_id('scorm', (int)$opts['cmid'], 0, false, MUST_EXIST);
$course = $DB->get_record('course', ['id' => $cm->course], '*', MUST_EXIST);

$snapshot = function() use ($DB, $cm) {
    $scorm = $DB->get_record('scorm', ['id' => $cm->instance], '*', MUST_EXIST);
    $scoes = $DB->get_records('scorm_scoes', ['scorm' => $scorm->id], 'sortorder, id', 'id, identifier, launch, title');
    return ['version' => $scorm->version, 'sha1hash' => $scorm->sha1hash, 'revision' => (int)$scorm->revision,
        'reference' => $scorm->reference, 'scoes' => array_values($scoes),
        'attempts' => (int)$DB->count_records('scorm_attempt', ['scormid' => $scorm->id])];
};
$before = $snapshot();

$draftid = file_get_unused_draft_itemid();
get_file_storage()->create_file_from_pathname([
    'component' => 'user', 'filearea' => 'draft', 'contextid' => context_user::instance($USER->id)->id,
    'itemid' => $draftid, 'filepath' => '/', 'filename' => basename($zip),
], $zip);

// What the edit form submits: the activity's current settings, with the new package file.
list($cm, $context, $module, $data, $cw) = get_moduleinfo_data($cm, $course);
$data->packagefile = $draftid;
$data->coursemodule = $cm->id;
$data->modulename = 'scorm';
$data->introeditor = ['text' => $data->intro ?? '', 'format' => $data->introformat ?? FORMAT_HTML, 'itemid' => 0];
update_moduleinfo($cm, $data, $course, null);

echo json_encode(['before' => $before, 'after' => $snapshot()], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n";
