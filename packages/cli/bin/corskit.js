#!/usr/bin/env node
// The `corskit` command: a stable file for package managers to link before the build exists.
import '../dist/bin.js';
