/**
 * The output formats, apart from the renderers: commander needs the lists to build `--help`, and
 * importing the renderers (or the check registry) for a constant would load them on every start.
 */
export const REPORT_FORMATS = ['table', 'json', 'junit', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CATALOG_FORMATS = ['table', 'markdown', 'json'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

/** `report`: the handoff sheet's formats. */
export const SHEET_FORMATS = ['markdown', 'html'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];
