// "Format" for a JSONata expression: prettier's standalone build with @stedi/prettier-plugin-jsonata,
// both loaded on first use (dynamic import), so the designer's main bundle does not carry them.
import type { Plugin } from 'prettier';

export async function formatExpression(expression: string, printWidth = 80): Promise<string> {
  const [prettier, plugin] = await Promise.all([import('prettier/standalone'), import('@stedi/prettier-plugin-jsonata')]);
  // The plugin is typed against the prettier it bundles (an older one), the same plugin shape.
  const formatted = await prettier.format(expression, { parser: 'JSONata', plugins: [plugin as unknown as Plugin], printWidth, tabWidth: 2, useTabs: false });
  return formatted.replace(/\n$/, '');
}
