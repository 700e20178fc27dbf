import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from './kubernetes-manifests';

const RULES_DIRECTORY = join(REPOSITORY_ROOT, 'monitoring', 'prometheus');
const PROMTOOL_TIMEOUT_MS = 30_000;

function promtool(...args: string[]): string {
  return execFileSync('promtool', args, { encoding: 'utf8', timeout: PROMTOOL_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
}

interface RuleFile {
  groups: { rules: { alert: string; annotations: { runbook: string } }[] }[];
}
interface RuleTests {
  tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
}

describe('the alert rules (promtool)', () => {
  const rules = parse(readFileSync(join(RULES_DIRECTORY, 'alert-rules.yaml'), 'utf8')) as RuleFile;
  const alertNames = rules.groups.flatMap((group) => group.rules.map((rule) => rule.alert));

  it('pass promtool check rules', () => {
    expect(promtool('check', 'rules', join(RULES_DIRECTORY, 'alert-rules.yaml'))).toContain(`SUCCESS: ${alertNames.length} rules found`);
  });

  it('pass their promtool unit tests, each alert tested both firing and quiet', () => {
    expect(promtool('test', 'rules', join(RULES_DIRECTORY, 'alert-rules.test.yaml'))).toContain('SUCCESS');
    const tests = parse(readFileSync(join(RULES_DIRECTORY, 'alert-rules.test.yaml'), 'utf8')) as RuleTests;
    const checks = tests.tests.flatMap((test) => test.alert_rule_test);
    for (const alert of alertNames) {
      expect({ alert, fires: checks.some((check) => check.alertname === alert && check.exp_alerts.length > 0) }).toEqual({ alert, fires: true });
      expect({ alert, quiet: checks.some((check) => check.alertname === alert && check.exp_alerts.length === 0) }).toEqual({ alert, quiet: true });
    }
  });

  it('each have a runbook section in docs/operations.md', () => {
    const runbook = readFileSync(join(REPOSITORY_ROOT, 'docs', 'operations.md'), 'utf8');
    for (const group of rules.groups) {
      for (const rule of group.rules) {
        expect(rule.annotations.runbook).toBe(`docs/operations.md#${rule.alert.toLowerCase()}`);
        expect({ alert: rule.alert, hasSection: runbook.includes(`### ${rule.alert}\n`) }).toEqual({ alert: rule.alert, hasSection: true });
      }
    }
  });

  it('fail their unit tests when a threshold is wrong (the tests can fail)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'alert-rules-'));
    try {
      const loosened = readFileSync(join(RULES_DIRECTORY, 'alert-rules.yaml'), 'utf8').replace('> 1000', '> 5000');
      writeFileSync(join(directory, 'alert-rules.yaml'), loosened);
      copyFileSync(join(RULES_DIRECTORY, 'alert-rules.test.yaml'), join(directory, 'alert-rules.test.yaml'));
      expect(() => promtool('test', 'rules', join(directory, 'alert-rules.test.yaml'))).toThrow(/WalletConsumerLagHigh/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
