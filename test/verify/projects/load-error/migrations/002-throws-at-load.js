'use strict';

throw new Error('configuration missing: MIGRATION_SECRET');
