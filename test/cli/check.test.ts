// `attache check` on bad input: every problem gets a message naming the file, every other
// file is still analysed, and the exit status follows the documented contract:
//   0 ran (whatever it found) · 1 more warnings than --max-warnings · 2 bad usage or a file
//   that could not be read or analysed.
// The tests run the bundled CLI (dist/cli.js; `node scripts/build.mjs` first).

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { cli, CLI, ignoresPermissions, parseJson, ROOT, tempDir, type FileJson } from "./helpers";

const FLAGGED = fs.readFileSync(path.join(ROOT, "examples", "flagged-talks.release"), "utf8");
const SEED = fs.readFileSync(path.join(ROOT, "examples", "seed-putin-meets-wang-yi.release"), "utf8");

/** LSP position of `offset` in `text` (line breaks \r\n, \n, \r), independent of the code under test. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === "\r" && text[i + 1] === "\n") continue;
    if (c === "\n" || c === "\r") {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** Every mention and diagnostic of a JSON file entry points where it says in `text`. */
function checkRanges(f: FileJson, text: string): void {
  for (const m of f.mentions ?? []) {
    assert.equal(text.slice(m.offset, m.offset + m.length), m.text, `${f.path}: mention text at ${m.offset}`);
    assert.deepEqual(m.range.start, positionAt(text, m.offset), `${f.path}: mention range of “${m.text}”`);
    assert.deepEqual(m.range.end, positionAt(text, m.offset + m.length));
  }
  for (const d of f.diagnostics ?? []) assert.deepEqual(d.range.start, positionAt(text, d.offset), `${f.path}: diagnostic ${d.code} range`);
}

describe("attache check: usage errors exit 2 with the usage text", () => {
  const cases: [string[], RegExp][] = [
    [[], /Usage:/],
    [["check"], /give at least one file or directory/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["check", "--bogus", "x"], /unknown option --bogus/],
    [["check", "--format", "xml", "x"], /unknown format "xml"/],
    [["check", "--format"], /--format needs a value/],
    [["check", "--max-warnings", "-1", "x"], /--max-warnings needs a whole number/],
    [["check", "--max-warnings=lots", "x"], /--max-warnings needs a whole number/],
    [["check", "--jobs", "0", "x"], /--jobs needs a whole number/],
    [["check", "--max-file-size", "10", "x"], /--max-file-size needs a whole number of characters ≥ 1000/],
    [["lsp"], /only --stdio is supported/],
  ];
  for (const [args, message] of cases) {
    it(`attache ${args.join(" ") || "(nothing)"}`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2, r.stderr + r.stdout);
      assert.match(r.stderr + r.stdout, message);
    });
  }
  it("--help and --version exit 0", async () => {
    const help = await cli(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit status: 0 ran/);
    const version = await cli(["--version"]);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});

describe("attache check: bad files among good ones", () => {
  const tmp = tempDir();
  const f = (name: string) => path.join(tmp.dir, name);
  const BAD_UTF8 = Buffer.concat([
    Buffer.from("Talks\n2025-01-01\n\nWang Yi said that the caf"),
    Buffer.from([0xe9, 0xff]),
    Buffer.from(" talks were useful.\n"),
  ]);
  const BOM_CRLF = "\ufeff" + SEED.replace(/\r?\n/g, "\r\n");
  let files: Record<string, string>;

  before(() => {
    files = {
      good: f("good.release"),
      missing: f("missing.release"),
      empty: f("empty.release"),
      blank: f("blank.release"),
      binary: f("binary.release"),
      nulLate: f("nul-late.release"),
      utf16: f("utf16.release"),
      badUtf8: f("bad-utf8.release"),
      bomCrlf: f("bom-crlf.release"),
      cr: f("cr-only.release"),
      longLine: f("long-line.release"),
      huge: f("huge.release"),
      txt: f("notes.txt"),
    };
    fs.writeFileSync(files.good, FLAGGED);
    fs.writeFileSync(files.empty, "");
    fs.writeFileSync(files.blank, " \n\t\r\n\u00a0\n");
    fs.writeFileSync(files.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    // A NUL past the 8 KB sniffing window: the file is text with one odd character in it.
    fs.writeFileSync(files.nulLate, "Talks\n\n" + "Wang Yi said that the talks were useful. ".repeat(250) + "\u0000 He said so.\n");
    fs.writeFileSync(files.utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Talks\n\nWang Yi said so.\n", "utf16le")]));
    fs.writeFileSync(files.badUtf8, BAD_UTF8);
    fs.writeFileSync(files.bomCrlf, BOM_CRLF);
    fs.writeFileSync(files.cr, SEED.replace(/\r?\n/g, "\r"));
    fs.writeFileSync(files.longLine, "Talks\n\n" + "Foreign Minister Wang Yi said that China and Russia agree, 😀 محمد بن سلمان noted, ".repeat(600) + "\n");
    // Sparse: 65 MB on paper, nothing on disk. The CLI refuses it from its size alone.
    fs.closeSync(fs.openSync(files.huge, "w"));
    fs.truncateSync(files.huge, 65 * 1024 * 1024);
    fs.writeFileSync(files.txt, "Talks\n\nIt is important to cooperate.\n");
  });
  after(() => tmp.cleanup());

  const order = () => [
    files.good,
    files.missing,
    files.empty,
    files.blank,
    files.binary,
    files.nulLate,
    files.utf16,
    files.badUtf8,
    files.bomCrlf,
    files.cr,
    files.longLine,
    files.huge,
    files.txt,
  ];

  it("text output: one message per bad file, naming it; findings of the good files; exit 2", { timeout: 120_000 }, async () => {
    const r = await cli(["check", ...order()]);
    assert.equal(r.code, 2, r.stderr);
    const err = r.stderr;
    assert.match(err, new RegExp(`${esc(files.missing)}: error: no such file or directory`));
    assert.match(err, new RegExp(`${esc(files.empty)}: note: empty file; nothing to analyse`));
    assert.match(err, new RegExp(`${esc(files.blank)}: note: empty file; nothing to analyse`));
    assert.match(err, new RegExp(`${esc(files.binary)}: error: binary file \\(not text\\); skipped`));
    assert.match(err, new RegExp(`${esc(files.utf16)}: error: UTF-16 text; Attaché reads UTF-8 only`));
    assert.match(err, new RegExp(`${esc(files.badUtf8)}: note: invalid UTF-8; analysed with replacement characters \\(U\\+FFFD\\)`));
    assert.match(err, new RegExp(`${esc(files.huge)}: error: file is 65\\.0 MB, over the 64 MB limit; skipped`));
    assert.match(err, /13 files checked, \d+ findings, 4 files could not be analysed\./);
    for (const ok of [files.nulLate, files.bomCrlf, files.cr, files.longLine]) assert.doesNotMatch(err, new RegExp(`${esc(ok)}: error`));
    // The good files were analysed and their findings printed, in path:line:col form.
    assert.match(r.stdout, new RegExp(`^${esc(files.good)}:11:1  warning  unattributed-statement  `, "m"));
    assert.match(r.stdout, new RegExp(`^${esc(files.txt)}:3:1  warning  unattributed-statement  `, "m"));
    assert.doesNotMatch(err, /internal error|at .*\.js:\d+/);
  });

  it("JSON output: one entry per path in order; `error` entries carry no analysis; notes in `warnings`", { timeout: 120_000 }, async () => {
    const r = await cli(["check", "--format", "json", ...order()]);
    assert.equal(r.code, 2, r.stderr);
    const json = parseJson(r.stdout);
    assert.deepEqual(json.tool.name, "attache");
    assert.deepEqual(
      json.files.map((x) => x.path),
      order(),
    );
    const by = new Map(json.files.map((x) => [x.path, x]));
    for (const bad of [files.missing, files.binary, files.utf16, files.huge]) {
      const e = by.get(bad)!;
      assert.equal(typeof e.error, "string", bad);
      assert.deepEqual(Object.keys(e).sort(), ["error", "path"], `${bad} has no analysis`);
    }
    assert.deepEqual(by.get(files.empty)!.warnings, ["empty file; nothing to analyse"]);
    assert.deepEqual(by.get(files.empty)!.diagnostics, []);
    assert.deepEqual(by.get(files.badUtf8)!.warnings, ["invalid UTF-8; analysed with replacement characters (U+FFFD)"]);
    assert.equal(by.get(files.good)!.diagnostics!.length, 4);
    assert.equal(by.get(files.good)!.warnings, undefined);

    // Offsets and ranges are right in the text as decoded: U+FFFD for bad bytes, the BOM kept
    // as one code unit, CRLF and lone CR line breaks.
    const badText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(BAD_UTF8);
    checkRanges(by.get(files.badUtf8)!, badText);
    assert.ok(by.get(files.badUtf8)!.mentions!.some((m) => m.text === "Wang Yi"));
    checkRanges(by.get(files.bomCrlf)!, BOM_CRLF);
    checkRanges(by.get(files.cr)!, SEED.replace(/\r?\n/g, "\r"));
    checkRanges(by.get(files.good)!, FLAGGED);
    const names = (x: FileJson) => (x.entities ?? []).map((e) => e.name).sort();
    assert.ok(names(by.get(files.bomCrlf)!).includes("Wang Yi"), "the BOM + CRLF copy of the seed finds Wang Yi");
    assert.deepEqual(names(by.get(files.bomCrlf)!), names(by.get(files.cr)!), "CRLF and CR copies analyse alike");
    checkRanges(by.get(files.longLine)!, fs.readFileSync(files.longLine, "utf8"));
    checkRanges(by.get(files.nulLate)!, fs.readFileSync(files.nulLate, "utf8"));
  });

  it("SARIF output lists unreadable files as tool execution notifications", { timeout: 60_000 }, async () => {
    const r = await cli(["check", "--format", "sarif", files.good, files.binary, files.missing]);
    assert.equal(r.code, 2);
    const sarif = JSON.parse(r.stdout) as {
      runs: { results: unknown[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[] }[];
    };
    const inv = sarif.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.deepEqual(
      inv.toolExecutionNotifications.map((n) => n.message.text),
      [`${files.binary}: binary file (not text); skipped`, `${files.missing}: no such file or directory`],
    );
    assert.equal(sarif.runs[0].results.length, 4);
  });

  it("--max-file-size: a file over the limit is analysed up to it, with a file-too-large finding (exit 0)", { timeout: 60_000 }, async () => {
    const big = f("big.release");
    fs.writeFileSync(big, "Talks\n\n" + "Wang Yi said that the talks were useful.\n\n".repeat(100));
    const r = await cli(["check", "--format", "json", "--max-file-size", "1000", big]);
    assert.equal(r.code, 0, r.stderr);
    const d = parseJson(r.stdout).files[0].diagnostics!;
    assert.equal(d[0].code, "file-too-large");
    assert.equal(d[0].severity, "information");
    assert.match(d[0].message, /4,207 characters; Attaché analysed the first \d{3},?\d* \(the limit is 1,000\)/);
    const text = await cli(["check", "--max-file-size=1000", big]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /:1:1 {2}information {2}file-too-large {2}/);
  });

  it("--max-warnings: exit 1 over the limit, 0 at it, 2 when a file is also unreadable", { timeout: 60_000 }, async () => {
    assert.equal((await cli(["check", "--max-warnings", "3", files.good])).code, 1);
    assert.equal((await cli(["check", "--max-warnings", "4", files.good])).code, 0);
    const both = await cli(["check", "--max-warnings", "0", files.good, files.missing]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /missing\.release: error: no such file or directory/);
  });

  it("a FIFO: named explicitly it is refused; inside a directory it is passed over without blocking", { timeout: 60_000 }, async (t) => {
    const dir = f("with-fifo");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "a.release"), FLAGGED);
    try {
      execFileSync("mkfifo", [path.join(dir, "pipe.release")]);
    } catch {
      t.skip("mkfifo is not available here");
      return;
    }
    const named = await cli(["check", path.join(dir, "pipe.release"), path.join(dir, "a.release")]);
    assert.equal(named.code, 2);
    assert.match(named.stderr, /pipe\.release: error: not a regular file/);
    assert.match(named.stdout, /a\.release:11:1/);
    const walked = await cli(["check", dir]);
    assert.equal(walked.code, 0, walked.stderr);
    assert.match(walked.stderr, /1 file checked/);
  });

  it("unreadable file and directory (chmod 000): an error naming each; the rest analysed", { timeout: 60_000 }, async (t) => {
    const dir = f("perm");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "a.release"), FLAGGED);
    fs.writeFileSync(path.join(dir, "secret.release"), FLAGGED);
    fs.mkdirSync(path.join(dir, "locked"));
    fs.writeFileSync(path.join(dir, "locked", "b.release"), FLAGGED);
    if (ignoresPermissions(tmp.dir)) {
      t.skip("running as a user who can read chmod 000 files (root): permission errors cannot happen here");
      return;
    }
    fs.chmodSync(path.join(dir, "secret.release"), 0o000);
    fs.chmodSync(path.join(dir, "locked"), 0o000);
    const r = await cli(["check", dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /secret\.release: error: cannot read file \(permission denied, EACCES\)/);
    assert.match(r.stderr, /locked: error: cannot list directory \(permission denied, EACCES\)/);
    assert.match(r.stdout, /a\.release:11:1/);
  });

  it("an empty directory, and a directory of only other files, say that no release files were found (exit 0)", { timeout: 60_000 }, async () => {
    const dir = f("nothing");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "readme.md"), "# not a release");
    const r = await cli(["check", dir]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /no release files found \(looked for \*\.release and \*\.readout\)/);
  });
});

describe("attache check: symbolic links", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  it("a directory loop and a self-referencing link terminate with notes and errors naming them", { timeout: 60_000 }, async () => {
    const d = path.join(tmp.dir, "tree");
    fs.mkdirSync(path.join(d, "sub"), { recursive: true });
    fs.writeFileSync(path.join(d, "a.release"), FLAGGED);
    fs.writeFileSync(path.join(d, "sub", "b.release"), FLAGGED);
    fs.symlinkSync("..", path.join(d, "sub", "up")); // sub/up → tree: a loop
    fs.symlinkSync("self.release", path.join(d, "self.release")); // ELOOP
    fs.symlinkSync("nowhere.release", path.join(d, "dangling.release"));
    fs.symlinkSync("nowhere", path.join(d, "dangling-dir")); // not a release file: passed over
    const r = await cli(["check", "--format", "json", d]);
    assert.equal(r.code, 2, r.stderr);
    const json = parseJson(r.stdout);
    assert.deepEqual(
      json.files.map((x) => [path.relative(d, x.path), x.error ?? "ok"]),
      [
        ["a.release", "ok"],
        ["dangling.release", "broken symbolic link (no such file or directory, ENOENT)"],
        ["self.release", "symbolic link loop (ELOOP); skipped"],
        ["sub/b.release", "ok"],
      ],
    );
    assert.match(r.stderr, new RegExp(`${esc(path.join(d, "sub", "up"))}: note: symbolic link to .*, a directory already checked \\(a loop\\?\\); skipped`));
  });

  it("a loop path given on the command line and a directory given twice are walked once", { timeout: 60_000 }, async () => {
    const d = path.join(tmp.dir, "tree");
    const r = await cli(["check", d, path.join(d, "sub", "up", "sub", "up")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /: note: directory already checked; skipped/);
    assert.match(r.stderr, /4 files checked/);
  });
});

describe("attache check: a directory of 3,000 files (worker threads)", () => {
  const tmp = tempDir();
  const dir = path.join(tmp.dir, "many");
  const bad = new Map<string, string>();
  before(() => {
    fs.mkdirSync(dir);
    for (let i = 0; i < 3000; i++) {
      const name = `r${String(i).padStart(4, "0")}.release`;
      fs.writeFileSync(path.join(dir, name), `Talks ${i}\n2025-01-01\n\nWang Yi said that the talks were useful.\n\nIt is important to cooperate.\n`);
    }
    // Bad files in the middle of the batches handled by the workers.
    const put = (name: string, content: string | Buffer, message: string) => {
      fs.writeFileSync(path.join(dir, name), content);
      bad.set(path.join(dir, name), message);
    };
    put("r1000a.release", Buffer.from([0, 1, 2, 3]), "binary file (not text); skipped");
    put("r2000a.release", Buffer.from([0xfe, 0xff, 0, 0x41]), "UTF-16 text; Attaché reads UTF-8 only (convert the file to UTF-8); skipped");
    fs.symlinkSync("gone.release", path.join(dir, "r2500a.release"));
    bad.set(path.join(dir, "r2500a.release"), "broken symbolic link (no such file or directory, ENOENT)");
  });
  after(() => tmp.cleanup());

  it("every file is analysed, in order; the bad ones are reported; the same result with --jobs 1", { timeout: 300_000 }, async () => {
    const parallel = await cli(["check", "--format", "json", "--jobs", "2", dir], { timeoutMs: 240_000 });
    assert.equal(parallel.code, 2, parallel.stderr);
    const files = parseJson(parallel.stdout).files;
    assert.equal(files.length, 3003);
    const paths = files.map((x) => x.path);
    assert.deepEqual(paths, [...paths].sort(), "output is in path order");
    for (const x of files) {
      if (bad.has(x.path)) assert.equal(x.error, bad.get(x.path), x.path);
      else {
        assert.equal(x.error, undefined, x.path);
        assert.equal(x.statements!.length, 2, x.path);
        assert.deepEqual(
          x.diagnostics!.map((d) => d.code),
          ["unattributed-statement"],
          x.path,
        );
      }
    }
    for (const [p, message] of bad) assert.ok(parallel.stderr.includes(`${p}: error: ${message}`), `stderr names ${p}`);

    const serial = await cli(["check", "--format", "json", "--jobs", "1", dir], { timeoutMs: 240_000 });
    assert.equal(serial.code, 2);
    assert.equal(serial.stdout, parallel.stdout, "worker threads and a single thread give the same JSON");
  });

  it("text output with stdout and stderr in one file: the lines interleave as with --jobs 1", { timeout: 300_000 }, async () => {
    // The workers send each batch's stdout and stderr as separate pieces; written in turn, an
    // error still comes between the findings of the files before and after it.
    const both = async (jobs: string) => {
      const out = path.join(tmp.dir, `both-${jobs}.txt`);
      const fd = fs.openSync(out, "w");
      const child = spawn(process.execPath, [CLI, "check", "--jobs", jobs, dir], { stdio: ["ignore", fd, fd] });
      const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
      fs.closeSync(fd);
      return { code, text: fs.readFileSync(out, "utf8") };
    };
    const parallel = await both("2");
    const serial = await both("1");
    assert.equal(parallel.code, 2);
    assert.equal(serial.code, 2);
    assert.equal(parallel.text, serial.text);
    const lines = parallel.text.split("\n");
    const binary = lines.findIndex((l) => l.includes("r1000a.release: error:"));
    assert.ok(lines[binary - 1].startsWith(path.join(dir, "r1000.release")), lines[binary - 1]);
    assert.ok(lines[binary + 1].startsWith(path.join(dir, "r1001.release")), lines[binary + 1]);
  });

  for (const jobs of ["1", "2"]) {
    it(`a reader that stops early (\`| head\`) ends the run without a stack trace (--jobs ${jobs})`, { timeout: 120_000 }, async () => {
      const child = spawn(process.execPath, [CLI, "check", "--format", "json", "--jobs", jobs, dir], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.stdout.once("data", () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
      assert.notEqual(code, null, "exited by itself");
      assert.doesNotMatch(stderr, /EPIPE|Unhandled|at .*cli\.js/, stderr);
    });
  }
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
