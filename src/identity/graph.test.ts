import { describe, expect, it } from '@jest/globals';
import { Secret } from '../secrets/secret.js';
import { parseGraphError } from './graph.js';

describe('parseGraphError', () => {
  const secret = 'Gr4~ph5.Se7_cr9-Et1~Va3.Lu5_Ec7-Ho9~Ed1.In2Me';
  new Secret(secret, 'env');

  it('removes a secret the message quotes across the 300-character cut', () => {
    for (let offset = 260; offset <= 300; offset++) {
      const message = `${'m'.repeat(offset)}${secret} was sent ${'y'.repeat(100)}`;
      const parsed = parseGraphError({ error: { code: 'Request_BadRequest', message } });
      expect(parsed?.message?.length).toBeLessThanOrEqual(300);
      for (let at = 0; at + 4 <= secret.length; at++) expect(parsed?.message).not.toContain(secret.slice(at, at + 4));
    }
  });
});
