import { describe, expect, it } from '@jest/globals';
import { Secret } from '../secrets/secret.js';
import { parseGraphError } from './graph.js';
import { readGroup } from './graph-resources.js';

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

describe('readGroup: groups as Graph lists them', () => {
  it('reads isAssignableToRole null (every group not created role-assignable) as no, not as unknown', () => {
    // The shape of the group-list example (https://learn.microsoft.com/graph/api/group-list).
    const ordinary = { id: '45b7d2e7-b882-4a80-ba97-10b7a63b8fa4', displayName: 'Golf Assist', groupTypes: ['Unified'], isAssignableToRole: null };
    expect(readGroup(ordinary)).toEqual({ id: ordinary.id, displayName: 'Golf Assist', isAssignableToRole: false, limited: false });
    expect(readGroup({ ...ordinary, isAssignableToRole: true })).toMatchObject({ isAssignableToRole: true, limited: false });
  });

  it('recognises limited information by the displayName being null too', () => {
    expect(readGroup({ '@odata.type': '#microsoft.graph.group', id: 'ABC', displayName: null, isAssignableToRole: null })).toEqual({
      id: 'abc',
      isAssignableToRole: false,
      limited: true,
    });
  });
});
