/**
 * Spec prose in CLI help: HTML descriptions (Stripe writes `<p>…</p>`) read
 * as plain paragraphs and lists; Markdown, code spans that look like tags
 * (OpenAI's `<workspace_id>__<connector_id>`) and text without tags stay as
 * they are.
 */
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../generator/emit/cli/help-text.js';

describe('terminalText', () => {
  it('turns HTML paragraphs, line breaks, lists, tags and entities into plain text', () => {
    expect(terminalText('<p>Returns a list of your <strong>customers</strong>.</p><p>Sorted by date &amp; id.</p>')).toBe('Returns a list of your customers.\n\nSorted by date & id.');
    expect(terminalText('<p>Kinds:</p><ul><li>card</li><li><code>sepa_debit</code></li></ul>Done<br>now')).toBe('Kinds:\n- card\n- sepa_debit\n\nDone\nnow');
    expect(terminalText('See <a href="https://x.example">the guide</a>.')).toBe('See the guide.');
  });

  it('leaves Markdown, code spans and tag-like words alone', () => {
    const markdown = 'Use `details.id`, such as `<workspace_id>__<connector_id>`.\n\n- one\n- two';
    expect(terminalText(markdown)).toBe(markdown);
    expect(terminalText('A <b>bold</b> word and `<p>` in code')).toBe('A bold word and `<p>` in code');
    expect(terminalText('Values < 5 and <unknown> stay')).toBe('Values < 5 and <unknown> stay');
  });
});
