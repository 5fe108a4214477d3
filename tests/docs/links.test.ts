// The README and everything in docs/ work as written: each relative link and #anchor leads to a
// file and heading that exist (with GitHub's anchor rules), and each npm script a code block or
// span runs is one package.json defines.
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { anchors, headingSlug, isExternal, links, scriptUses, splitCode } from "./markdown";

const root = path.resolve(__dirname, "..", "..");

/** README.md and every Markdown file under docs/, relative to the project root. */
function documents(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return walk(relative);
      return entry.name.endsWith(".md") ? [relative] : [];
    });
  return ["README.md", ...walk("docs").sort()];
}

const read = (relative: string): string => readFileSync(path.join(root, relative), "utf8");

/** What is wrong with one link of `from`, or undefined when it resolves. */
function brokenLink(from: string, target: string): string | undefined {
  if (isExternal(target)) return undefined;
  const hash = target.indexOf("#");
  const file = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const resolved =
    file === "" ? from : path.posix.normalize(file.startsWith("/") ? file.slice(1) : path.posix.join(path.posix.dirname(from), file));
  if (resolved.startsWith("..")) return `${target}: leads out of the repository`;
  if (!existsSync(path.join(root, resolved))) return `${target}: no file ${resolved}`;
  if (anchor === undefined || anchor === "") return undefined;
  if (!resolved.endsWith(".md") || statSync(path.join(root, resolved)).isDirectory()) return undefined;
  return anchors(read(resolved)).has(anchor) ? undefined : `${target}: ${resolved} has no heading or anchor #${anchor}`;
}

describe("README.md and docs/", () => {
  const scripts = Object.keys((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts);

  for (const doc of documents()) {
    describe(doc, () => {
      it("links only to files and anchors that exist", () => {
        const broken = links(read(doc)).flatMap(({ target, line }) => {
          const problem = brokenLink(doc, target);
          return problem === undefined ? [] : [`${doc}:${line}: ${problem}`];
        });
        assert.deepEqual(broken, []);
      });

      it("runs only npm scripts package.json defines", () => {
        const unknown = scriptUses(read(doc))
          .filter((use) => !scripts.includes(use.script))
          .map((use) => `${doc}:${use.line}: \`${use.command}\` — package.json has no script "${use.script}"`);
        assert.deepEqual(unknown, []);
      });
    });
  }
});

describe("how the docs checks read Markdown", () => {
  it("makes anchors as GitHub does: lower case, punctuation dropped, spaces to hyphens, repeats numbered", () => {
    const seen = new Map<string, number>();
    assert.equal(headingSlug("Quick start", seen), "quick-start");
    assert.equal(headingSlug("Why not `@pulumi/awsx` here", seen), "why-not-pulumiawsx-here");
    assert.equal(
      headingSlug("Worked example: the default 5 WCU at 20 proposals/s", seen),
      "worked-example-the-default-5-wcu-at-20-proposalss",
    );
    assert.equal(headingSlug("The dashboard, top to bottom", seen), "the-dashboard-top-to-bottom");
    assert.equal(headingSlug("`npm run editor` — add & token", seen), "npm-run-editor--add--token");
    assert.equal(headingSlug("snake_case and [a link](x.md)", seen), "snake_case-and-a-link");
    assert.equal(headingSlug("Quick start", seen), "quick-start-1");
    assert.equal(headingSlug("Quick start", seen), "quick-start-2");
  });

  it("finds ATX and setext headings and explicit anchors, not lines in code blocks", () => {
    const found = anchors(
      [
        "# Title",
        "Deploy it",
        "---------",
        "",
        "---",
        '<a id="kept"></a>',
        "```sh",
        "# not a heading",
        "```",
        "| a | b |",
        "|---|---|",
      ].join("\n"),
    );
    assert.deepEqual([...found].sort(), ["deploy-it", "kept", "title"]);
  });

  it("reads links outside code, with titles and angle brackets, and reference definitions", () => {
    const found = links(
      [
        'See [a](docs/a.md#x) and ![img](docs/p.png "title") and [b](<docs/with space.md>).',
        "`[not](a-link.md)`",
        "```",
        "[also not](b.md)",
        "```",
        "[ref]: docs/c.md",
        '<img src="docs/d.png">',
      ].join("\n"),
    );
    assert.deepEqual(
      found.map((l) => l.target),
      ["docs/a.md#x", "docs/p.png", "docs/with space.md", "docs/c.md", "docs/d.png"],
    );
  });

  it("finds the npm scripts code runs, with npm's flags before the name, and none in prose", () => {
    const uses = scriptUses(
      [
        "Run npm run prose-only here, but `npm run bench -- --quick` in a span.",
        "```sh",
        "npm start -- --no-auth && npm test",
        "ID=$(npm run --silent editor -- token a@b.org); npm run -s pulumi-yaml; npm ci; npm run <name>",
        "```",
      ].join("\n"),
    );
    assert.deepEqual(
      uses.map((u) => u.script),
      ["bench", "start", "test", "editor", "pulumi-yaml"],
    );
  });

  it("resolves a link from the file it is in, and reports a missing file, anchor or a way out", () => {
    assert.equal(brokenLink("docs/editors.md", "adr/0002-editor-authentication.md"), undefined);
    assert.equal(brokenLink("docs/editors.md", "settings.md#billingmode"), undefined);
    assert.equal(brokenLink("docs/settings.md", "#billingmode"), undefined);
    assert.equal(brokenLink("docs/editors.md", "https://example.org/nowhere.md#x"), undefined);
    assert.equal(brokenLink("docs/editors.md", "docs/settings.md"), "docs/settings.md: no file docs/docs/settings.md");
    assert.equal(
      brokenLink("docs/editors.md", "settings.md#billing-mode"),
      "settings.md#billing-mode: docs/settings.md has no heading or anchor #billing-mode",
    );
    assert.equal(brokenLink("docs/settings.md", "#nope"), "#nope: docs/settings.md has no heading or anchor #nope");
    assert.equal(brokenLink("README.md", "../outside.md"), "../outside.md: leads out of the repository");
  });

  it("treats a fence's contents as code until the same fence closes it", () => {
    const { code, prose } = splitCode(["````md", "```", "inside", "````", "after"].join("\n"));
    assert.deepEqual(
      code.map((l) => l.text),
      ["```", "inside"],
    );
    assert.deepEqual(
      prose.map((l) => l.text),
      ["after"],
    );
  });
});
