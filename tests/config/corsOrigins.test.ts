// The corsOrigins setting: exact origins as browsers send them, none by default, and a clear
// error naming each origin a browser could never match or that would open too much.
import { strict as assert } from "node:assert";
import { corsOriginList } from "../../config/corsOrigins";
import { InvalidSettingsError, objectSource, resolveSettings } from "../../config/settings";

const settingsWith = (corsOrigins: string) => resolveSettings("dev", objectSource({ corsOrigins }));

describe("the corsOrigins setting", () => {
  it("allows no origin by default", () => {
    assert.equal(resolveSettings("dev").corsOrigins, "");
    assert.deepEqual(corsOriginList(resolveSettings("prod").corsOrigins), []);
  });

  it("takes origins with a scheme, a host and a port, comma-separated, each once", () => {
    const setting = " https://editor.example.com, http://127.0.0.1:3001,https://editor.example.com ,";
    assert.equal(settingsWith(setting).corsOrigins, setting);
    assert.deepEqual(corsOriginList(setting), ["https://editor.example.com", "http://127.0.0.1:3001"]);
  });

  const refused: readonly (readonly [string, RegExp])[] = [
    ["https://editor.example.com/", /"https:\/\/editor\.example\.com\/" has a path/],
    ["https://editor.example.com/app", /"https:\/\/editor\.example\.com\/app" has a path/],
    ["*", /"\*" is a wildcard/],
    ["https://*.example.com", /"https:\/\/\*\.example\.com" is a wildcard/],
    ["editor.example.com", /"editor\.example\.com" is not an origin/],
    ["ftp://files.example.com", /"ftp:\/\/files\.example\.com" is not an http or https origin/],
    ["https://Editor.Example.com", /is not written as a browser sends it: https:\/\/editor\.example\.com$/],
    ["https://editor.example.com:443", /is not written as a browser sends it: https:\/\/editor\.example\.com$/],
    ["https://user@editor.example.com", /holds credentials/],
  ];
  for (const [setting, message] of refused) {
    it(`refuses ${JSON.stringify(setting)}, saying why`, () => {
      assert.throws(
        () => settingsWith(setting),
        (err: Error) => {
          assert.ok(err instanceof InvalidSettingsError);
          assert.equal(err.problems.length, 1);
          assert.match(err.problems[0]!, /^corsOrigins: /);
          assert.match(err.problems[0]!, message);
          return true;
        },
      );
    });
  }

  it("names every bad origin of a list in one error, and none of the good ones", () => {
    assert.throws(
      () => settingsWith("https://ok.example.com, https://a.example.com/, *"),
      (err: InvalidSettingsError) => {
        assert.match(err.problems[0]!, /"https:\/\/a\.example\.com\/" has a path.*; "\*" is a wildcard/);
        assert.ok(!err.problems[0]!.includes('"https://ok.example.com"'));
        return true;
      },
    );
  });
});
