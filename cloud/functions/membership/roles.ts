/**
 * Who works on membership, by role on the union concerned (the declared policies use these):
 * - reviewing, the masked roster, leaving, figures: staff and chairs of the union, and the industry
 *   union's admin over its base unions (REVIEW_ROLES);
 * - full numbers (reveal, import) and the masked export: staff and chairs of that union only
 *   (PII_ROLES); the full export for 报送: the union's chair only.
 */
export const REVIEW_ROLES = ['staff', 'chair', 'industryAdmin'] as const;
export const PII_ROLES = ['staff', 'chair'] as const;
