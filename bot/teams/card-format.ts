import type { FormatOptions } from '../../cards';
import { getPolicyType } from '../../core/registry';

/** How the bot's cards name things: policy types by the registry's labels ("Conditional Access policy"). */
export const CARD_FORMAT: FormatOptions = {
  policyTypeLabel: (key) => getPolicyType(key)?.label ?? key,
};
