import type { en } from '../en/index.js';
import { common } from './common.js';
import { cli } from './cli.js';
import { configfile } from './configfile.js';
import { config } from './config.js';
import { dns } from './dns.js';
import { mail } from './mail.js';
import { smtp } from './smtp.js';
import { incoming } from './incoming.js';
import { report } from './report.js';
import { identity } from './identity.js';
import { entra } from './entra.js';
import { exchange } from './exchange.js';
import { gmail } from './gmail.js';
import { wizard } from './wizard.js';
import { handoff } from './handoff.js';

export const ptBR = {
  ...common,
  ...cli,
  ...configfile,
  ...config,
  ...dns,
  ...mail,
  ...smtp,
  ...incoming,
  ...report,
  ...identity,
  ...entra,
  ...exchange,
  ...gmail,
  ...wizard,
  ...handoff,
} as const satisfies Record<keyof typeof en, string>;
