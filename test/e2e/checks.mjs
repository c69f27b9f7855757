// What a person sees when the packaged extension runs in a real VS Code
// (code-server in Chromium). Each check reads the workbench's DOM, polls for the
// extension's results and saves a screenshot of the state it checked.
// The checks run in order in one editor: 6 edits the file that 5 opened.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { norm, waitFor, warningsFromStatus } from "./harness.mjs";

const WANG_YI_TITLES = ["Member of the Political Bureau of the CPC Central Committee", "Director of the Office of the Central Commission for Foreign Affairs"];

/** Fixture files copied into the temp workspace (name in workspace -> file under fixtures/). */
export const FIXTURES = {
  "seed.release": "seed.release",
  "flagged.release": "flagged.release",
  "quickfix.release": "flagged.release",
  "phone-call.readout": "phone-call.readout",
};

// The flagged fixture: line 7 opens with an evaluative sentence with no speaker
// (unattributed-statement); line 11 holds "Observers believe ..." and "It was
// noted that ..." (vague-attribution twice).
const FLAGGED_LINE = 7;
const EXPECTED_FLAGS = { "unattributed-statement": 1, "vague-attribution": 2 };

/** The most common text color in the editor (weighted by characters): plain text. */
function plainColor(spans) {
  const weight = new Map();
  for (const s of spans) weight.set(s.color, (weight.get(s.color) ?? 0) + s.text.length);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

async function languageMode(ed) {
  return norm(
    await ed.page
      .locator("#status\\.editor\\.mode")
      .first()
      .innerText()
      .catch(() => ""),
  ).trim();
}

/** Opens the Problems panel (idempotent) and returns its rows grouped by file. */
async function problems(ed) {
  const { page } = ed;
  if (
    !(await page
      .locator(".markers-panel")
      .first()
      .isVisible()
      .catch(() => false))
  ) {
    await page.keyboard.press("Control+Shift+M");
    await page.locator(".markers-panel").first().waitFor({ state: "visible", timeout: 10000 });
  }
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll(".markers-panel .monaco-list-row")]
      .map((r) => ({
        level: Number(r.getAttribute("aria-level") || 0),
        label: (r.getAttribute("aria-label") || "").replace(/\u00a0/g, " "),
        text: r.innerText.replace(/\u00a0/g, " "),
        top: r.getBoundingClientRect().top,
      }))
      .sort((a, b) => a.top - b.top),
  );
  const byFile = {};
  let current = null;
  for (const r of rows) {
    if (r.level <= 1) {
      current = r.text.split("\n")[0].trim();
      byFile[current] = [];
    } else if (current) {
      byFile[current].push(r);
    }
  }
  return { rows, byFile, markers: rows.filter((r) => r.level > 1) };
}

function countCodes(markerRows) {
  const counts = {};
  for (const r of markerRows) {
    const hay = `${r.text} ${r.label}`;
    const code = ["unattributed-statement", "vague-attribution", "ambiguous-speaker"].find((c) => hay.includes(c)) ?? "other";
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

async function waitForFlags(ed, file, predicate, message, timeout = 30000) {
  let last;
  try {
    return await waitFor(
      async () => {
        last = await problems(ed);
        const mine = last.byFile[file] ?? [];
        return predicate(countCodes(mine), mine, last) ? last : null;
      },
      { timeout, message },
    );
  } catch (err) {
    err.message += `\nProblems panel rows:\n${(last?.rows ?? []).map((r) => `  [${r.level}] ${r.text.replace(/\n/g, " | ")}`).join("\n")}`;
    throw err;
  }
}

async function focusEditor(ed) {
  await ed.page.keyboard.press("Control+1");
}

/** Puts the cursor on a span (by clicking it) and waits for the selection status to move. */
async function clickSpan(ed, span) {
  await ed.page.mouse.click(span.x, span.y);
}

/** The bounding box of line LINE's number in the gutter (to tell the headline from the body). */
async function lineBox(ed, line) {
  return ed.page.evaluate((n) => {
    const el = [...document.querySelectorAll(".editor-group-container.active .monaco-editor .line-numbers")].find((e) => e.textContent.trim() === String(n));
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  }, line);
}

/** A body span "Wang Yi" (below the headline, line 2) of the active seed.release. */
async function bodyWangYi(ed) {
  const headline = await lineBox(ed, 2);
  const spans = await waitFor(
    async () => {
      const s = (await ed.tokenSpans()).filter((x) => x.text === "Wang Yi" && (!headline || x.y > headline.bottom));
      return s.length ? s : null;
    },
    { timeout: 15000, message: 'a body span "Wang Yi"' },
  );
  return spans[0];
}

/** Hovers TARGET until a hover card shows both of Wang Yi's titles; waits for it to fade in. */
async function hoverUntilTitles(ed, target) {
  let hover = "";
  try {
    await waitFor(
      async () => {
        // Re-hover from outside now and then: a hover that came too early
        // (before the server answered) does not refresh by itself.
        await ed.page.mouse.move(target.x, target.y - 200);
        await ed.page.mouse.move(target.x, target.y);
        hover = await waitFor(
          () =>
            ed.page.evaluate(() =>
              [...document.querySelectorAll(".monaco-hover")]
                .filter((h) => h.offsetParent !== null && !h.classList.contains("hidden"))
                .map((h) => h.innerText.replace(/\u00a0/g, " "))
                .join("\n"),
            ),
          { timeout: 3000, message: "a hover card" },
        ).catch(() => "");
        return WANG_YI_TITLES.every((t) => norm(hover).replace(/\s+/g, " ").includes(t));
      },
      { timeout: 30000, interval: 300, message: "a hover card with both of Wang Yi's titles" },
    );
  } catch (err) {
    err.message += `\nhover text seen: ${JSON.stringify(hover)}`;
    throw err;
  }
  // The card fades in: let it settle before the picture.
  await waitFor(
    () =>
      ed.page.evaluate(() => {
        const h = [...document.querySelectorAll(".monaco-hover")].find((x) => x.offsetParent !== null);
        for (let e = h; e; e = e.parentElement) {
          if (getComputedStyle(e).opacity !== "1" || e.getAnimations().some((a) => a.playState === "running")) return false;
        }
        return !!h;
      }),
    { timeout: 3000, message: "the hover card to finish fading in" },
  ).catch(() => {});
}

/** The Explorer pane header whose title is TITLE ("Speakers", "Outline", …). */
function paneHeader(ed, title) {
  return ed.page.locator(".pane-header", { has: ed.page.locator(".title", { hasText: new RegExp(`^\\s*${title}\\s*$`, "i") }) }).first();
}

/** Expands or collapses an Explorer pane by clicking its header; waits for the state. */
async function setPaneExpanded(ed, header, expanded, what) {
  const want = expanded ? "true" : "false";
  if ((await header.getAttribute("aria-expanded").catch(() => null)) === want) return;
  await header.click();
  await waitFor(async () => (await header.getAttribute("aria-expanded")) === want, {
    timeout: 10000,
    message: `the ${what} pane to ${expanded ? "expand" : "collapse"}`,
  });
}

/**
 * Shows the Explorer's Speakers view with room to list its tree: the folder tree and
 * the Outline collapsed (they share the side bar), the Speakers pane expanded.
 */
async function showSpeakers(ed) {
  const { page } = ed;
  if (
    !(await page
      .locator("#workbench\\.view\\.explorer")
      .first()
      .isVisible()
      .catch(() => false))
  ) {
    await page.keyboard.press("Control+Shift+E");
  }
  const header = paneHeader(ed, "Speakers");
  await header.waitFor({ state: "visible", timeout: 15000 });
  const folders = page.locator(".pane-header", { has: page.locator(".title", { hasText: /workspace/i }) }).first();
  await setPaneExpanded(ed, folders, false, "folders");
  const outline = paneHeader(ed, "Outline");
  if (await outline.isVisible().catch(() => false)) await setPaneExpanded(ed, outline, false, "Outline");
  await setPaneExpanded(ed, header, true, "Speakers");
}

/** The Speakers tree's rendered rows (label, description, level, expanded, center), in order, and the view's message. */
function readSpeakers(ed) {
  return ed.page.evaluate(() => {
    const pane = [...document.querySelectorAll(".pane")].find((p) => /^\s*speakers\s*$/i.test(p.querySelector(".pane-header .title")?.textContent ?? ""));
    const text = (e) => (e?.textContent ?? "").replace(/\u00a0/g, " ").trim();
    const rows = [...(pane?.querySelectorAll(".pane-body .monaco-list-row") ?? [])]
      .map((r) => {
        const b = r.getBoundingClientRect();
        return {
          label: text(r.querySelector(".label-name")),
          description: text(r.querySelector(".label-description")),
          level: Number(r.getAttribute("aria-level") || 0),
          expanded: r.getAttribute("aria-expanded"),
          index: Number(r.getAttribute("data-index") || 0),
          x: b.left + Math.min(80, b.width / 2),
          y: b.top + b.height / 2,
          visible: b.height > 0 && r.offsetParent !== null,
        };
      })
      .sort((a, b) => a.index - b.index);
    const welcome = [...(pane?.querySelectorAll(".welcome-view-content") ?? [])]
      .filter((e) => e.checkVisibility())
      .map(text)
      .join(" ");
    return { found: !!pane, rows, message: text(pane?.querySelector(".message")), welcome };
  });
}

/** The rows below ROW (by index) one level deeper, up to the next row at ROW's level or above. */
function childrenOf(rows, row) {
  const out = [];
  for (const r of rows) {
    if (r.index <= row.index) continue;
    if (r.level <= row.level) break;
    if (r.level === row.level + 1) out.push(r);
  }
  return out;
}

/** Expands a collapsed tree row (clicking it again only if it is still collapsed) and waits for children matching PRED. */
async function expandRow(ed, find, pred, message) {
  let last;
  try {
    return await waitFor(
      async () => {
        last = await readSpeakers(ed);
        const row = find(last.rows);
        if (!row) return null;
        if (row.expanded === "false") {
          await ed.page.mouse.click(row.x, row.y);
          return null;
        }
        const kids = childrenOf(last.rows, row).filter(pred);
        return kids.length ? { row, kids } : null;
      },
      { timeout: 20000, interval: 300, message },
    );
  } catch (err) {
    err.message += `\nSpeakers rows: ${JSON.stringify(last?.rows.map(({ label, description, level, expanded }) => ({ label, description, level, expanded })))}`;
    throw err;
  }
}

/** The status bar's cursor position ("Ln 9, Col 1 (42 selected)") as numbers. */
async function cursorStatus(ed) {
  const t = norm(
    await ed.page
      .locator("#status\\.editor\\.selection")
      .first()
      .innerText()
      .catch(() => ""),
  );
  const m = /Ln\s+(\d+),\s*Col\s+(\d+)(?:\s*\((\d+)\s+selected\))?/.exec(t);
  return m ? { text: t, line: Number(m[1]), col: Number(m[2]), selected: m[3] ? Number(m[3]) : 0 } : { text: t };
}

/** Visible notification toasts' text. */
function toasts(ed) {
  return ed.page.evaluate(() =>
    [...document.querySelectorAll(".notifications-toasts .notification-toast")]
      .filter((e) => e.offsetParent !== null)
      .map((e) => e.innerText.replace(/\u00a0/g, " "))
      .join("\n"),
  );
}

/** The basename of the active editor tab. */
async function activeTab(ed) {
  return norm(
    await ed.page
      .locator(".tabs-container .tab.active")
      .first()
      .innerText()
      .catch(() => ""),
  ).trim();
}

export const checks = [
  {
    name: '1. opening a release shows the language "Diplomatic Release" in the status bar',
    async fn(ed) {
      await ed.openFile("phone-call.readout");
      await waitFor(async () => (await languageMode(ed)) === "Diplomatic Release", {
        timeout: 20000,
        message: 'the status bar language of phone-call.readout to be "Diplomatic Release"',
      });
      await ed.openFile("seed.release");
      const mode = await waitFor(async () => ((await languageMode(ed)) === "Diplomatic Release" ? "ok" : null), {
        timeout: 20000,
        message: 'the status bar language of seed.release to be "Diplomatic Release"',
      }).catch(async (err) => {
        err.message += ` (status bar shows "${await languageMode(ed)}")`;
        throw err;
      });
      assert.equal(mode, "ok");
      await ed.screenshot("1-language");
    },
  },
  {
    name: "2. semantic colors tell people, titles and organizations apart (and the grammar is loaded)",
    async fn(ed) {
      await ed.openFile("seed.release");
      const want = { "Vladimir Putin": "person", "Wang Yi": "person", "Russian President": "title", BRICS: "organization" };
      let spans;
      try {
        spans = await waitFor(
          async () => {
            const s = await ed.tokenSpans();
            const plain = plainColor(s);
            const found = Object.keys(want).every((w) => s.some((x) => x.text === w));
            const colored = s.some((x) => x.text === "Vladimir Putin" && x.color !== plain);
            return found && colored ? s : null;
          },
          { timeout: 30000, message: 'spans "Vladimir Putin", "Wang Yi", "Russian President", "BRICS" with a semantic color' },
        );
      } catch (err) {
        const s = await ed.tokenSpans();
        err.message += `\nshort spans seen: ${JSON.stringify(s.filter((x) => x.text.trim() && x.text.length < 40).map((x) => `${x.text}=${x.color}`))}`;
        throw err;
      }
      const plain = plainColor(spans);
      const color = (w) => spans.find((x) => x.text === w).color;
      const person = color("Vladimir Putin");
      const title = color("Russian President");
      const org = color("BRICS");
      const report = `plain=${plain} person=${person} (Wang Yi ${color("Wang Yi")}) title=${title} organization=${org}`;
      assert.notEqual(person, plain, `a person is drawn like plain text: ${report}`);
      assert.equal(color("Wang Yi"), person, `two people have different colors: ${report}`);
      assert.notEqual(person, title, `people and titles share a color: ${report}`);
      assert.notEqual(title, org, `titles and organizations share a color: ${report}`);
      assert.notEqual(person, org, `people and organizations share a color: ${report}`);
      assert.notEqual(title, plain, `a title is drawn like plain text: ${report}`);
      assert.notEqual(org, plain, `an organization is drawn like plain text: ${report}`);
      await ed.screenshot("2-highlighting", { docs: "highlighting" });

      // The token inspector says what the color came from: the token type sent by
      // the server, and the TextMate scopes of the packaged grammar (its root scope
      // is text.release: without the grammar there are none).
      const headline = await lineBox(ed, 2);
      const body = spans.find((x) => x.text === "Wang Yi" && (!headline || x.y > headline.bottom));
      await clickSpan(ed, body);
      await ed.runCommand("Developer: Inspect Editor Tokens and Scopes");
      const widget = ed.page.locator(".token-inspect-widget").first();
      const text = await waitFor(
        async () => {
          const t = norm(await widget.innerText().catch(() => ""));
          return /semantic token type/i.test(t) && /foreground/i.test(t) ? t : null;
        },
        { timeout: 10000, message: "the token inspector to show the semantic token type" },
      );
      await ed.screenshot("2-inspect-tokens");
      await ed.page.keyboard.press("Escape");
      assert.match(text, /semantic token type\s*person\b/i, `the inspector does not show token type "person":\n${text}`);
      assert.match(text, /\btext\.release\b/, `no TextMate scope from the packaged grammar (text.release):\n${text}`);
    },
  },
  {
    name: '3. hovering "Wang Yi" in the body shows both of his titles',
    async fn(ed) {
      await ed.openFile("seed.release");
      await hoverUntilTitles(ed, await bodyWangYi(ed));
      await ed.screenshot("3-hover", { docs: "hover" });
      await ed.page.mouse.move(5, 5);
      await ed.page.keyboard.press("Escape");
    },
  },
  {
    name: "4. the Outline lists the participants and the statements",
    async fn(ed) {
      const { page } = ed;
      await ed.openFile("seed.release");
      const header = page.locator(".pane-header", { hasText: /^\s*Outline/i }).first();
      await header.waitFor({ state: "visible", timeout: 10000 });
      if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
      await waitFor(async () => (await header.getAttribute("aria-expanded")) === "true", { message: "the Outline pane to expand" });
      // Give the Outline room: collapse the folder tree above it.
      const folders = page.locator(".pane-header", { has: page.locator(".title", { hasText: /workspace/i }) }).first();
      if ((await folders.getAttribute("aria-expanded").catch(() => null)) === "true") await folders.click();

      const seen = new Map();
      const need = ["Vladimir Putin", "Wang Yi", "Xi Jinping"];
      // The Outline's rows and the middle of its list (to scroll it: it is virtualized).
      const readOutline = () =>
        page.evaluate(() => {
          const pane = [...document.querySelectorAll(".pane")].find((p) => /^\s*outline/i.test(p.querySelector(".pane-header")?.innerText ?? ""));
          const list = pane?.querySelector(".pane-body .monaco-list");
          const box = list?.getBoundingClientRect();
          const rows = [...(pane?.querySelectorAll(".monaco-list-row") ?? [])].map((r) => ({
            label: (r.querySelector(".label-name")?.textContent ?? "").replace(/\u00a0/g, " ").trim(),
            description: (r.querySelector(".label-description")?.textContent ?? "").replace(/\u00a0/g, " ").trim(),
            level: Number(r.getAttribute("aria-level") || 0),
            index: Number(r.getAttribute("data-index") || 0),
          }));
          return { rows, center: box && box.height > 0 ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null };
        });
      try {
        await waitFor(
          async () => {
            const { rows, center } = await readOutline();
            for (const r of rows) if (r.label) seen.set(r.index, r);
            const labels = [...seen.values()].map((r) => r.label);
            const ok = need.every((n) => labels.includes(n)) && labels.some((l) => /statements/i.test(l));
            if (!ok && center) {
              await page.mouse.move(center.x, center.y);
              await page.mouse.wheel(0, 150);
            }
            return ok;
          },
          { timeout: 30000, interval: 300, message: "Outline items for the three people and a statements group" },
        );
      } catch (err) {
        err.message += `\nOutline rows seen: ${JSON.stringify([...seen.values()])}`;
        throw err;
      }
      const { center } = await readOutline();
      if (center) {
        await page.mouse.move(center.x, center.y);
        await page.mouse.wheel(0, -5000);
      }
      await ed.screenshot("4-outline", { docs: "outline" });
      const rows = [...seen.values()];
      const wang = rows.filter((r) => r.label === "Wang Yi");
      assert.ok(
        wang.some((r) => WANG_YI_TITLES.some((t) => r.description.includes(t.slice(0, 30)))),
        `no Outline item "Wang Yi" carries his titles as detail: ${JSON.stringify(wang)}`,
      );
      assert.ok(
        rows.some((r) => /participants/i.test(r.label)),
        `no "Participants" group in the Outline: ${JSON.stringify(rows)}`,
      );
    },
  },
  {
    name: "5. the Problems panel shows the flagged sentences with their codes",
    async fn(ed) {
      await ed.openFile("flagged.release");
      const want = Object.values(EXPECTED_FLAGS).reduce((a, b) => a + b, 0);
      const p = await waitForFlags(
        ed,
        "flagged.release",
        (codes, mine) => mine.length === want && Object.entries(EXPECTED_FLAGS).every(([code, n]) => codes[code] === n),
        `${want} warnings on flagged.release: ${JSON.stringify(EXPECTED_FLAGS)}`,
      );
      const total = p.markers.length;
      await waitFor(async () => warningsFromStatus(await ed.problemsStatus()) === total, {
        timeout: 10000,
        message: `the status bar to say "Warnings: ${total}" (it says "${await ed.problemsStatus()}")`,
      });
      await ed.screenshot("5-problems", { docs: "problems" });
    },
  },
  {
    name: "6. typing a reporting cue in front of the flagged sentence clears its warning",
    async fn(ed) {
      const { page } = ed;
      await ed.openFile("flagged.release");
      const before = await waitForFlags(ed, "flagged.release", (codes) => codes["unattributed-statement"] === 1, "the unattributed-statement warning");
      const statusBefore = warningsFromStatus(await ed.problemsStatus());
      await focusEditor(ed);
      await ed.gotoLine(FLAGGED_LINE, 1);
      await page.keyboard.press("Shift+ArrowRight");
      await page.keyboard.type("Wang Yi said that r");
      await waitFor(async () => (await ed.editorText()).includes("Wang Yi said that relations between the two countries"), {
        timeout: 10000,
        message: "the typed cue to appear in the editor",
      });
      await waitForFlags(
        ed,
        "flagged.release",
        (codes, mine) => !codes["unattributed-statement"] && mine.length === before.byFile["flagged.release"].length - 1,
        "the unattributed-statement warning to go away (and only it)",
      );
      await waitFor(async () => warningsFromStatus(await ed.problemsStatus()) === statusBefore - 1, {
        timeout: 10000,
        message: `the status bar count to drop from ${statusBefore}`,
      });
      await ed.screenshot("6-after-edit");
    },
  },
  {
    name: "7. a quick fix on a flagged sentence changes the text and clears the warning",
    async fn(ed, t) {
      const { page } = ed;
      await ed.openFile("quickfix.release");
      const before = await waitForFlags(
        ed,
        "quickfix.release",
        (codes) => codes["unattributed-statement"] === 1,
        "the unattributed-statement warning on quickfix.release",
      );
      const countBefore = before.byFile["quickfix.release"].length;
      await focusEditor(ed);
      await ed.gotoLine(FLAGGED_LINE, 5);
      const textBefore = await ed.editorText();
      await page.keyboard.press("Control+.");
      const menu = await waitFor(
        () =>
          page.evaluate(() => {
            const visible = (e) => e && e.offsetParent !== null;
            const items = [...document.querySelectorAll(".action-widget .monaco-list-row.action, .context-view .monaco-list-row.action")]
              .filter(visible)
              .map((r) => ({
                text: r.innerText.replace(/\u00a0/g, " ").trim(),
                disabled: r.classList.contains("option-disabled") || r.getAttribute("aria-disabled") === "true",
              }));
            if (items.length) return { items };
            const msg = [...document.querySelectorAll(".monaco-editor-overlaymessage")].map((e) => e.textContent).join(" ");
            if (/no code actions/i.test(msg)) return { none: msg.trim() };
            return null;
          }),
        { timeout: 10000, message: 'the Quick Fix menu or "No code actions available"' },
      ).catch(() => ({ none: "nothing appeared after Ctrl+." }));
      const usable = (menu.items ?? []).filter((i) => !i.disabled && i.text);
      if (!usable.length) {
        await page.keyboard.press("Escape");
        t.skip(`the server offers no code actions here (${menu.none ?? JSON.stringify(menu.items)})`);
        return;
      }
      await ed.screenshot("7-quickfix-menu", { docs: "quickfix" });
      const pick = usable.find((i) => /attribute/i.test(i.text)) ?? usable[0];
      // The menu sits behind a pointer block: choose with the keyboard.
      await waitFor(
        async () => {
          const focused = await page.evaluate(() =>
            [...document.querySelectorAll(".action-widget .monaco-list-row.action.focused, .context-view .monaco-list-row.action.focused")]
              .map((r) => r.innerText.replace(/\u00a0/g, " ").trim())
              .join(""),
          );
          if (focused === pick.text) return true;
          await page.keyboard.press("ArrowDown");
          return false;
        },
        { timeout: 10000, message: `the Quick Fix "${pick.text}" to be selected` },
      );
      await page.keyboard.press("Enter");
      await waitFor(async () => (await ed.editorText()) !== textBefore, {
        timeout: 10000,
        message: `the quick fix "${pick.text}" to change the document`,
      });
      const said = /“(.+?) said that …”/.exec(pick.text);
      if (said) {
        await waitFor(async () => (await ed.editorText()).includes(`${said[1]} said that relations between`), {
          timeout: 5000,
          message: `the text to read "${said[1]} said that relations between …"`,
        });
      }
      await waitForFlags(
        ed,
        "quickfix.release",
        (codes, mine) => mine.length < countBefore,
        `the warning count of quickfix.release to drop below ${countBefore} after "${pick.text}"`,
      );
      await ed.screenshot("7-quickfix-applied");
    },
  },
  {
    name: "8. the Speakers view lists the people, their releases and statements; a statement opens at its line",
    async fn(ed) {
      const { page } = ed;
      // Start away from the target: seed.release's cursor on line 1, another file active.
      await ed.openFile("seed.release");
      await focusEditor(ed);
      await ed.gotoLine(1, 1);
      await ed.openFile("phone-call.readout");
      await showSpeakers(ed);

      // The server indexes the workspace in the background; the view refreshes when it is told.
      let last;
      try {
        await waitFor(
          async () => {
            last = await readSpeakers(ed);
            const top = last.rows.filter((r) => r.level === 1).map((r) => r.label);
            return ["Wang Yi", "Vladimir Putin"].every((n) => top.includes(n));
          },
          { timeout: 45000, interval: 300, message: 'the Speakers view to list "Wang Yi" and "Vladimir Putin"' },
        );
      } catch (err) {
        err.message += `\nSpeakers view: ${JSON.stringify(last)}`;
        throw err;
      }
      const wang = last.rows.find((r) => r.level === 1 && r.label === "Wang Yi");
      assert.match(wang.description, /\d+ statements? · \d+ releases?/, `"Wang Yi" has no statement/release count: ${JSON.stringify(wang)}`);

      // Wang Yi → his releases: seed.release is one of them.
      const isWang = (rows) => rows.find((r) => r.level === 1 && r.label === "Wang Yi");
      const { kids: files } = await expandRow(ed, isWang, (r) => r.description === "seed.release", 'the file "seed.release" under "Wang Yi"');
      assert.match(files[0].label, /Putin Meets with Wang Yi/, `the file item does not show the release's headline: ${JSON.stringify(files[0])}`);

      // seed.release → his statements there, each with its line.
      const isSeed = (rows) => {
        const w = isWang(rows);
        return w && childrenOf(rows, w).find((r) => r.description === "seed.release");
      };
      const { kids: statements } = await expandRow(ed, isSeed, (r) => /^line \d+/.test(r.description), 'statements under "Wang Yi" › seed.release');
      const lines = statements.map((r) => Number(/^line (\d+)/.exec(r.description)[1]));
      assert.ok(
        lines.every((n) => n > 3),
        `a statement of Wang Yi is on the headline/date lines: ${JSON.stringify(statements.map((r) => [r.label, r.description]))}`,
      );
      await ed.screenshot("8-speakers", { docs: "speakers" });

      // Clicking a statement opens seed.release with the statement selected.
      const target = statements[statements.length - 1];
      const line = Number(/^line (\d+)/.exec(target.description)[1]);
      await page.mouse.click(target.x, target.y);
      let cur;
      await waitFor(
        async () => {
          cur = await cursorStatus(ed);
          return (await activeTab(ed)).includes("seed.release") && cur.line === line && cur.selected > 0;
        },
        { timeout: 15000, message: `seed.release to open with a selection ending on line ${line} ("${target.label}")` },
      ).catch(async (err) => {
        err.message += ` (active tab "${await activeTab(ed)}", status bar "${cur?.text}")`;
        throw err;
      });
      // The selection is the statement: its text is on that line.
      const selected = await page.evaluate(() => window.getSelection()?.toString() ?? "");
      const lineText = await page.evaluate((n) => {
        const nums = [...document.querySelectorAll(".editor-group-container.active .monaco-editor .line-numbers")];
        const num = nums.find((e) => e.textContent.trim() === String(n));
        const next = nums.find((e) => e.textContent.trim() === String(n + 1));
        if (!num) return null;
        const top = num.getBoundingClientRect().top - 1;
        const bottom = next ? next.getBoundingClientRect().top - 1 : Infinity;
        return [...document.querySelectorAll(".editor-group-container.active .monaco-editor .view-lines .view-line")]
          .filter((l) => l.getBoundingClientRect().top >= top && l.getBoundingClientRect().top < bottom)
          .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
          .map((l) => l.textContent.replace(/\u00a0/g, " "))
          .join("");
      }, line);
      const words = target.label
        .replace(/[….]+$/, "")
        .trim()
        .slice(0, 30);
      assert.ok(
        lineText && norm(lineText).replace(/\s+/g, " ").includes(words.replace(/\s+/g, " ")),
        `line ${line} of seed.release does not hold the statement "${target.label}": ${JSON.stringify(lineText)} (selection: ${JSON.stringify(selected)})`,
      );
      await ed.screenshot("8-speakers-opened");
    },
  },
  {
    name: "9. Export Annotations writes the analysis JSON, brat standoff and W3C Web Annotation files",
    async fn(ed) {
      const { page } = ed;
      const outputs = ["seed.analysis.json", "seed.ann", "seed.txt", "seed.jsonld"].map((f) => path.join(ed.workspace, f));
      // Start with none of them, so nothing asks to overwrite and old files cannot pass.
      for (const f of outputs) fs.rmSync(f, { force: true });
      await ed.openFile("seed.release");
      await focusEditor(ed);
      await ed.runCommand("Attaché: Export Annotations");

      // A multi-select quick pick with the three formats, all checked: accept it.
      const picker = await waitFor(
        () =>
          page.evaluate(() => {
            const w = document.querySelector(".quick-input-widget");
            if (!w || w.offsetParent === null) return null;
            const title = (w.querySelector(".quick-input-title")?.textContent ?? "").trim();
            const rows = [...w.querySelectorAll(".quick-input-list .monaco-list-row")].map((r) => ({
              text: r.innerText
                .replace(/\u00a0/g, " ")
                .replace(/\s+/g, " ")
                .trim(),
              checked:
                r.getAttribute("aria-checked") === "true" ||
                !!r.querySelector("input[type=checkbox]:checked, .monaco-custom-toggle.checked, [role=checkbox][aria-checked=true]"),
            }));
            return /export annotations as/i.test(title) && rows.length >= 3 ? { title, rows } : null;
          }),
        { timeout: 10000, message: 'the "Export annotations as" quick pick' },
      );
      for (const label of ["Analysis JSON", "brat standoff", "W3C Web Annotation"]) {
        const row = picker.rows.find((r) => r.text.includes(label));
        assert.ok(row, `no "${label}" in the export quick pick: ${JSON.stringify(picker.rows)}`);
        assert.ok(row.checked, `"${label}" is not checked by default: ${JSON.stringify(picker.rows)}`);
      }
      await page.keyboard.press("Enter");

      await waitFor(
        async () => {
          if (outputs.every((f) => fs.existsSync(f) && fs.statSync(f).size > 0)) return true;
          const dialog = await ed.dialogText();
          if (dialog) throw new Error(`a dialog says: ${dialog}`);
          return false;
        },
        {
          timeout: 20000,
          message: `the exported files in the workspace (${outputs.map((f) => path.basename(f)).join(", ")}; found: ${fs
            .readdirSync(ed.workspace)
            .filter((f) => f.startsWith("seed."))
            .join(", ")})`,
        },
      );
      const toast = await waitFor(async () => ((await toasts(ed)).includes("Attaché exported 4 files next to seed.release") ? toasts(ed) : null), {
        timeout: 10000,
        message: 'the notification "Attaché exported 4 files next to seed.release."',
      });
      assert.ok(toast);
      // The Explorer lists them too (the folder tree is expanded by openFile above).
      let listed;
      await waitFor(
        async () => {
          listed = (await page.locator(".explorer-folders-view .monaco-list-row").allInnerTexts()).map((t) => norm(t).trim());
          return outputs.every((f) => listed.some((t) => t.startsWith(path.basename(f))));
        },
        { timeout: 15000, message: "the Explorer to list the exported files" },
      ).catch((err) => {
        err.message += ` (Explorer rows: ${JSON.stringify(listed)})`;
        throw err;
      });
      await ed.screenshot("9-export", { docs: "export" });

      const [jsonFile, annFile, txtFile, jsonldFile] = outputs;
      const release = fs.readFileSync(path.join(ed.workspace, "seed.release"), "utf8");

      // The analysis JSON contract (docs/analysis-json.md).
      const json = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
      assert.equal(json.tool?.name, "attache", `no tool name in ${path.basename(jsonFile)}`);
      const file = json.files?.[0];
      assert.ok(file, `no files[0] in ${path.basename(jsonFile)}`);
      assert.match(file.path, /seed\.release$/, `files[0].path is ${file.path}`);
      const wang = file.entities?.find((e) => e.name === "Wang Yi");
      assert.ok(wang, `no entity "Wang Yi" in files[0].entities: ${JSON.stringify(file.entities?.map((e) => e.name))}`);
      assert.equal(wang.kind, "person");
      assert.ok(
        file.entities.some((e) => e.name === "Vladimir Putin" && e.kind === "person"),
        `no person "Vladimir Putin": ${JSON.stringify(file.entities.map((e) => e.name))}`,
      );
      assert.ok(
        file.statements?.some((st) => st.speaker === wang.id),
        `no statement spoken by Wang Yi (${wang.id}) in files[0].statements`,
      );
      for (const m of file.mentions.filter((m) => m.entity === wang.id && m.kind === "name"))
        assert.equal(release.slice(m.offset, m.offset + m.length), "Wang Yi", `mention offset ${m.offset} is not "Wang Yi"`);

      // brat: the text and its standoff annotations, offsets in code points.
      const txt = fs.readFileSync(txtFile, "utf8");
      assert.equal(txt, release, `${path.basename(txtFile)} is not the text of seed.release`);
      const ann = fs.readFileSync(annFile, "utf8");
      assert.match(ann, /^T1\t/m, `no "T1<TAB>" line in ${path.basename(annFile)}:\n${ann.slice(0, 500)}`);
      const points = Array.from(txt);
      const persons = [...ann.matchAll(/^T\d+\tPerson (\d+) (\d+)\tWang Yi$/gm)];
      assert.ok(persons.length, `no "T… Person … Wang Yi" line in ${path.basename(annFile)}:\n${ann.slice(0, 500)}`);
      for (const [lineText, from, to] of persons)
        assert.equal(points.slice(Number(from), Number(to)).join(""), "Wang Yi", `brat offsets do not point at the text: ${lineText}`);

      // W3C Web Annotation JSON-LD.
      const jsonld = JSON.parse(fs.readFileSync(jsonldFile, "utf8"));
      const contexts = [jsonld["@context"]].flat();
      assert.ok(contexts.includes("http://www.w3.org/ns/anno.jsonld"), `the JSON-LD @context is ${JSON.stringify(jsonld["@context"])}`);
      assert.ok(fs.readFileSync(jsonldFile, "utf8").includes("Wang Yi"), `${path.basename(jsonldFile)} never mentions "Wang Yi"`);

      await ed.runCommand("Notifications: Clear All Notifications");
    },
  },
  {
    name: '10. after "Attaché: Restart Server" hovering "Wang Yi" still shows his titles',
    async fn(ed) {
      const { page } = ed;
      await ed.openFile("seed.release");
      await focusEditor(ed);
      await ed.runCommand("Attaché: Restart Server");
      // The command sets this status bar message once client.restart() has resolved.
      await waitFor(
        () =>
          page.evaluate(() =>
            [...document.querySelectorAll(".part.statusbar .statusbar-item")].some((e) => e.textContent.includes("Attaché server restarted")),
          ),
        { timeout: 30000, interval: 100, message: 'the status bar message "Attaché server restarted"' },
      );
      await page.mouse.move(5, 5);
      await hoverUntilTitles(ed, await bodyWangYi(ed));
      await ed.screenshot("10-restart-hover");
      await page.mouse.move(5, 5);
      await page.keyboard.press("Escape");
    },
  },
];
