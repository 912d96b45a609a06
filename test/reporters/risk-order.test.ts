import { describe, expect, it } from 'vitest';
import type { Finding, ProjectModel } from '../../src/model';
import { byRisk } from '../../src/reporters/risk-order';

const project = {
  project: { root: '.', absRoot: '/x', framework: 'sequelize', migrationsDir: 'm', modelsDir: null, configFile: null, layoutSource: 'default' },
  migrations: ['m/001.js', 'm/002.js', 'm/003.js'].map((file, index) => ({ file, name: file.slice(2), index })),
} as unknown as ProjectModel;

const f = (file: string, severity: Finding['severity'], messageId: string, line = 1): Finding => ({ rule: 'r', severity, file, line, column: 1, message: messageId, messageId });

describe('findings most serious first', () => {
  it('orders by severity, then what is lost (all data > table > column > rows), then newest migration, then place', () => {
    const findings = [
      f('m/001.js', 'warning', 'notAtomic'),
      f('m/001.js', 'error', 'deleteSomeRows'),
      f('m/003.js', 'error', 'dropColumn'),
      f('m/001.js', 'error', 'dropColumn'),
      f('m/002.js', 'error', 'dropTable', 9),
      f('m/002.js', 'error', 'dropTable', 4),
      f('config/database.js', 'error', 'noSsl'),
      f('m/001.js', 'error', 'dropEverything'),
      f('m/003.js', 'info', 'reversal'),
    ];
    expect(findings.sort(byRisk(project)).map((x) => `${x.severity} ${x.messageId} ${x.file}:${x.line}`)).toEqual([
      'error dropEverything m/001.js:1',
      'error dropTable m/002.js:4',
      'error dropTable m/002.js:9',
      'error dropColumn m/003.js:1',
      'error dropColumn m/001.js:1',
      'error deleteSomeRows m/001.js:1',
      'error noSsl config/database.js:1',
      'warning notAtomic m/001.js:1',
      'info reversal m/003.js:1',
    ]);
  });
});
