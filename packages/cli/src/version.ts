// Bundled at build time, so `corskit --version` is always the published package's version.
import packageJson from '../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
