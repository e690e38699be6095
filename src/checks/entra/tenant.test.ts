import { describe, expect, it } from '@jest/globals';
import { cloudOf, readDiscovery } from './tenant.js';

describe('the tenant’s cloud from its discovery document', () => {
  it('reads the tenant GUID from the v2.0 or v1 issuer', () => {
    expect(readDiscovery({ issuer: 'https://login.microsoftonline.com/6F1C2B3A-0D4E-4F5A-8B6C-7D8E9F0A1B2C/v2.0' })?.tenantId).toBe(
      '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
    );
    expect(readDiscovery({ issuer: 'https://sts.windows.net/6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c/' })?.tenantId).toBe('6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c');
    expect(readDiscovery({ token_endpoint: 'x' })).toBeUndefined();
  });

  it('maps cloud_instance_name and the US Government sub-scope to the configured clouds', () => {
    expect(cloudOf({ cloudInstanceName: 'microsoftonline.com' })).toBe('global');
    expect(cloudOf({ cloudInstanceName: 'microsoftonline.com', regionSubScope: 'GCC' })).toBe('global');
    expect(cloudOf({ cloudInstanceName: 'microsoftonline.us', regionSubScope: 'DODCON' })).toBe('usgov');
    expect(cloudOf({ cloudInstanceName: 'microsoftonline.us', regionSubScope: 'DOD' })).toBe('usgovdod');
    expect(cloudOf({ cloudInstanceName: 'partner.microsoftonline.cn' })).toBe('china');
    expect(cloudOf({ cloudInstanceName: 'example.test' })).toBeUndefined();
    expect(cloudOf({})).toBeUndefined();
  });
});
