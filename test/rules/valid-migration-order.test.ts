import { ruleTests } from './rule-tester';

const m = (table: string) => `module.exports = { async up(qi, S) { await qi.createTable('${table}', { id: { type: S.INTEGER } }); }, async down() {} };`;

ruleTests('valid-migration-order', {
  valid: [
    { name: 'sequelize-cli timestamps', files: { '20240101120000-create-users.js': m('users'), '20240102093000-create-posts.js': m('posts') } },
    {
      name: 'numbered files followed by timestamps: string order equals numeric order',
      files: { '036-create-hackathon-submissions.js': m('a'), '037-create-student-permissions.js': m('b'), '20241201000000-create-groups.js': m('c') },
    },
    { name: 'files without a numeric prefix are not judged', files: { 'create-users.js': m('users'), 'add-posts.js': m('posts') } },
    {
      name: 'with a base branch: new files after the latest one there',
      project: { baseMigrations: { ref: 'origin/main', names: ['20240101120000-create-users.js'] } },
      files: { '20240101120000-create-users.js': m('users'), '20240102093000-create-posts.js': m('posts') },
    },
  ],
  invalid: [
    {
      name: 'duplicate 009 prefix (the seed project)',
      files: {
        '008-add-chapter-content-fields.js': m('x'),
        '009-create-chapter-progress.js': m('chapter_progress'),
        '009-update-chapters-for-urls.js': m('y'),
        '010-fix-chapter-schema.js': m('z'),
      },
      errors: [
        {
          messageId: 'duplicatePrefix',
          line: 1,
          column: 1,
          severity: 'warning',
          data: { file: '009-update-chapters-for-urls.js', prefix: '009', other: '009-create-chapter-progress.js' },
        },
      ],
    },
    {
      name: 'mixed widths: 100-x runs before 20-y (and both before 9-z)',
      files: { '9-create-users.js': m('users'), '100-add-index.js': m('i'), '20-add-posts.js': m('posts') },
      errors: [
        { messageId: 'stringOrderDiffers', line: 1, data: { file: '100-add-index.js', next: '9-create-users.js', prefix: '100', nextPrefix: '9' } },
        { messageId: 'stringOrderDiffers', line: 1, data: { file: '20-add-posts.js', next: '9-create-users.js' } },
      ],
    },
    {
      name: 'compares with every later file, not only the next one',
      files: { '1-a.js': m('a'), '10-b.js': m('b'), '11-c.js': m('c'), '2-d.js': m('d') },
      errors: [
        { messageId: 'stringOrderDiffers', line: 1, data: { file: '10-b.js', next: '2-d.js' } },
        { messageId: 'stringOrderDiffers', line: 1, data: { file: '11-c.js', next: '2-d.js' } },
      ],
    },
    {
      name: 'with a base branch (--changed-since): a new file that sorts before one already there',
      project: { baseMigrations: { ref: 'main', names: ['20240101120000-create-users.js', '20240301090000-add-plans.js'] } },
      files: {
        '20240101120000-create-users.js': m('users'),
        '20240215100000-add-teams.js': m('teams'),
        '20240301090000-add-plans.js': m('plans'),
        '20240310080000-add-invoices.js': m('invoices'),
      },
      errors: [
        {
          messageId: 'sortsBeforeBase',
          line: 1,
          data: { file: '20240215100000-add-teams.js', latest: '20240301090000-add-plans.js', ref: 'main' },
        },
      ],
    },
    {
      name: 'a 12-digit timestamp scheme after 14-digit ones',
      files: { '20240101120000-a.js': m('a'), '202402011200-b.js': m('b') },
      errors: [{ messageId: 'stringOrderDiffers', line: 1, data: { file: '20240101120000-a.js', next: '202402011200-b.js' } }],
    },
  ],
});
