'use strict';

module.exports = {
  up: async () => {
    if (process.env.MIGRALINT_TEST_MARK) require('fs').writeFileSync(process.env.MIGRALINT_TEST_MARK, String(process.pid));
    for (;;) {
      // never returns
    }
  },
  down: async () => {},
};
