/**
 * Measures which user and password `new Sequelize(url, options)` connects with (Sequelize 6), as an application
 * built from a config block with `use_env_variable` does (`new Sequelize(process.env[config.use_env_variable],
 * config)`): the URL's, when it carries them, whatever the options say; the options' only when the URL has none.
 * sequelize-cli does the same for its own connection (its config helper merges the URL parsed from the variable over
 * the block). no-insecure-db-config lowers a literal credential beside `use_env_variable` to info.
 */
import { describe, expect, it } from 'vitest';
import { Sequelize } from 'sequelize';

describe('credentials of new Sequelize(url, options)', () => {
  it('the URL\'s user and password win over the options\'', () => {
    const s = new Sequelize('postgres://url_user:url_pass@db.example.com:5432/app', { dialect: 'postgres', username: 'root', password: 'literal', logging: false });
    expect([s.config.username, s.config.password]).toEqual(['url_user', 'url_pass']);
  });

  it('a URL without credentials takes the options\'', () => {
    const s = new Sequelize('postgres://db.example.com:5432/app', { dialect: 'postgres', username: 'root', password: 'literal', logging: false });
    expect([s.config.username, s.config.password]).toEqual(['root', 'literal']);
  });
});
