// The mutation report summary: detected mutants are the killed and the timed out; the score counts
// survivors and mutants no test reaches against it, and leaves out ignored and static ones.
import assert from "node:assert/strict";
import { reportMarkdown } from "../../mutation/report";

const mutant = (status: string, line: number, replacement = "false") => ({
  mutatorName: "ConditionalExpression",
  replacement,
  status,
  location: { start: { line } },
});

describe("mutation report", () => {
  it("scores each file and all of them, and lists every mutant not killed with its line", () => {
    const report = {
      files: {
        "b.ts": {
          source: "const b = 1;\nif (b > 0) run();",
          mutants: [mutant("Killed", 2), mutant("Timeout", 2), mutant("Survived", 2, "true")],
        },
        "a.ts": { source: "x(`a`);", mutants: [mutant("NoCoverage", 1), mutant("Ignored", 1), mutant("Killed", 1)] },
        "c.ts": { source: "", mutants: [mutant("Ignored", 1)] },
      },
    };
    assert.equal(
      reportMarkdown(report),
      [
        "| module | killed | survived | no coverage | score |",
        "|---|---:|---:|---:|---:|",
        "| `a.ts` | 1 | 0 | 1 | 50.0 % |",
        "| `b.ts` | 2 | 1 | 0 | 66.7 % |",
        "| `c.ts` | 0 | 0 | 0 | – |",
        "| **all** | 3 | 1 | 1 | **60.0 %** |",
        "",
        "- `a.ts:1` ConditionalExpression (no coverage): `` x(`a`); `` → `false`",
        "- `b.ts:2` ConditionalExpression (survived): `if (b > 0) run();` → `true`",
      ].join("\n"),
    );
  });
});
