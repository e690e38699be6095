/**
 * Microsoft's admin portals per cloud. National clouds have their own portals (Azure Government:
 * https://learn.microsoft.com/en-us/azure/azure-government/documentation-government-get-started-connect-with-portal;
 * Azure operated by 21Vianet: https://learn.microsoft.com/en-us/azure/china/resources-developer-guide).
 * The breadcrumbs inside them are translated text, in the i18n catalogues.
 */
import type { Cloud } from '../../config/types.js';

/** Where app registrations and enterprise applications are managed. */
export const ENTRA_PORTALS: Readonly<Record<Cloud, string>> = {
  global: 'https://entra.microsoft.com',
  usgov: 'https://portal.azure.us',
  usgovdod: 'https://portal.azure.us',
  china: 'https://portal.azure.cn',
};

/** Microsoft 365 admin center per cloud (licences, users, service health). */
export const ADMIN_CENTERS: Readonly<Record<Cloud, string>> = {
  global: 'https://admin.microsoft.com',
  usgov: 'https://portal.office365.us',
  usgovdod: 'https://portal.apps.mil',
  china: 'https://portal.partner.microsoftonline.cn',
};

/** The Exchange admin center; other clouds reach it from their Microsoft 365 admin center. */
export function exchangeAdminCenter(cloud: Cloud): string {
  return cloud === 'global' ? 'https://admin.exchange.microsoft.com' : ADMIN_CENTERS[cloud];
}
