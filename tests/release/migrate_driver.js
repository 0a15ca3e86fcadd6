// Reads [{old, new, state}] as JSON on stdin, writes [migrate(old, new, state)] as JSON.
'use strict';
var path = require('path');
var migrate = require(path.join(__dirname, '../../coursec/runtime/migrate.js')).migrate;
var input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', function (chunk) { input += chunk; });
process.stdin.on('end', function () {
  var cases = JSON.parse(input);
  process.stdout.write(JSON.stringify(cases.map(function (c) {
    return migrate(c.old, c.new, c.state);
  })));
});
