import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument, visit, type Document } from 'yaml';
import { parseWorkflow } from '../../../src/core/lint/analysis/workflowModel';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return yamlFiles(file);
    return /\.ya?ml$/.test(name) ? [file] : [];
  });
}

/** Every scalar of a document as [offset, type of value, value], in order: what the checks read of it. */
function scalars(document: Document.Parsed): Array<[number | undefined, string, unknown]> {
  const seen: Array<[number | undefined, string, unknown]> = [];
  visit(document, {
    Scalar(_key, node) {
      seen.push([node.range?.[0], typeof node.value, node.value]);
    },
  });
  return seen;
}

const plainParse = (text: string) => parseDocument(text, { prettyErrors: false, uniqueKeys: false });

describe('parseWorkflow reads values as the core schema does', () => {
  it('every fixture workflow: the same scalar values, of the same types, and the same errors', () => {
    const files = yamlFiles(fixtures);
    assert.ok(files.length > 300, `expected the fixture workflows, found ${files.length}`);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const ours = parseWorkflow(text).document;
      const plain = plainParse(text);
      assert.deepEqual(scalars(ours), scalars(plain), path.relative(fixtures, file));
      assert.deepEqual(ours.errors.map((e) => e.code), plain.errors.map((e) => e.code), path.relative(fixtures, file));
    }
  });

  it('the null and boolean words stay null and booleans; other words, numbers and special floats are as in the core schema', () => {
    const words = ['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'nullable', 'trueish', 'Falsey', 'TRUE_', 'Yes', 'no', 'on', 'off', 'y', '~', '', '3.10', '1e3', '0x1F', '0o17', '-1', '+2.5', '.inf', '-.Inf', '.nan', 'NaN', 'inf', '_x', '$HOME', 'ubuntu-latest', 'a: b', "'quoted'", '"3.10"'];
    const text = `values:\n${words.map((w, i) => `  k${i}: ${w.includes(': ') ? `"${w}"` : w}`).join('\n')}\n`;
    const ours = scalars(parseWorkflow(text).document);
    assert.deepEqual(ours, scalars(plainParse(text)));
    const valueOf = (word: string) => ours[1 + 2 * words.indexOf(word) + 1][2];
    assert.equal(valueOf('null'), null);
    assert.equal(valueOf('TRUE'), true);
    assert.equal(valueOf('False'), false);
    assert.equal(valueOf('nullable'), 'nullable');
    assert.equal(valueOf('3.10'), 3.1);
  });

  it('a %YAML 1.1 document keeps its own words: yes, on and n are booleans there, as a plain parse reads them', () => {
    const text = '%YAML 1.1\n---\non: yes\nkeep: y\nstop: Off\nname: nothing\n';
    const ours = scalars(parseWorkflow(text).document);
    assert.deepEqual(ours, scalars(plainParse(text)));
    assert.deepEqual(ours.map(([, , value]) => value), [true, true, 'keep', true, 'stop', false, 'name', 'nothing']);
  });
});
