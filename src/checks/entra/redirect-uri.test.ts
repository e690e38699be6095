import { describe, expect, it } from '@jest/globals';
import { compareRedirectUri } from './redirect-uri.js';

const app = (web: string[], spa: string[] = [], publicClient: string[] = []) => ({ web, spa, publicClient });

describe('compareRedirectUri', () => {
  it('matches exactly, ignoring the case of scheme and host and the trailing slash of a bare origin', () => {
    expect(compareRedirectUri('https://CRM.example.com/oauth/callback', app(['https://crm.example.com/oauth/callback'])).exact).toEqual([
      { platform: 'web', registered: 'https://crm.example.com/oauth/callback' },
    ]);
    expect(compareRedirectUri('https://crm.example.com', app(['https://crm.example.com/'])).exact).toHaveLength(1);
  });

  it('ignores the port of a loopback URI only (reply-url "Localhost exceptions")', () => {
    expect(compareRedirectUri('http://localhost:53117/callback', app(['http://localhost/callback'])).exact).toHaveLength(1);
    expect(compareRedirectUri('https://crm.example.com:8443/cb', app(['https://crm.example.com/cb']))).toEqual({
      exact: [],
      near: [{ platform: 'web', registered: 'https://crm.example.com/cb', differences: ['port'] }],
    });
  });

  it('names a trailing slash, the path case, the scheme and the host as near misses', () => {
    const configured = 'https://crm.example.com/oauth/callback';
    expect(compareRedirectUri(configured, app(['https://crm.example.com/oauth/callback/'])).near[0]?.differences).toEqual(['trailing-slash']);
    expect(compareRedirectUri(configured, app(['https://crm.example.com/OAuth/Callback'])).near[0]?.differences).toEqual(['path-case']);
    expect(compareRedirectUri(configured, app(['https://crm.example.com/OAuth/Callback/'])).near[0]?.differences).toEqual(['path-case', 'trailing-slash']);
    expect(compareRedirectUri(configured, app(['https://crm2.example.com/oauth/callback'])).near[0]?.differences).toEqual(['host']);
    expect(compareRedirectUri('http://localhost/cb', app(['https://localhost/cb'])).near[0]?.differences).toEqual(['scheme']);
  });

  it('leaves unrelated URIs out of the near misses, and finds the platform of an exact match', () => {
    expect(compareRedirectUri('https://crm.example.com/oauth/callback', app(['https://other.example.com/login']))).toEqual({ exact: [], near: [] });
    expect(compareRedirectUri('https://crm.example.com/cb', app([], ['https://crm.example.com/cb'])).exact).toEqual([
      { platform: 'spa', registered: 'https://crm.example.com/cb' },
    ]);
    expect(compareRedirectUri('not a url', app(['https://crm.example.com/cb']))).toEqual({ exact: [], near: [] });
  });
});
