/**
 * Spec prose in CLI help: HTML descriptions (Stripe writes `<p>…</p>`) read
 * as plain paragraphs and lists; Markdown, code spans that look like tags
 * (OpenAI's `<workspace_id>__<connector_id>`) and text without tags stay as
 * they are.
 */
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../generator/emit/cli/help-text.js';
import { indexTable } from '../../runtime/cli/argv.js';
import { commandHelp } from '../../runtime/cli/help.js';
import { loadTable } from './support/cli.js';

describe('terminalText', () => {
  it('turns HTML paragraphs, line breaks, lists, tags and entities into plain text', () => {
    expect(terminalText('<p>Returns a list of your <strong>customers</strong>.</p><p>Sorted by date &amp; id.</p>')).toBe('Returns a list of your customers.\n\nSorted by date & id.');
    expect(terminalText('<p>Kinds:</p><ul><li>card</li><li><code>sepa_debit</code></li></ul>Done<br>now')).toBe('Kinds:\n- card\n- sepa_debit\n\nDone\nnow');
    expect(terminalText('See <a href="https://x.example">the guide</a>.')).toBe('See the guide.');
    // AWS's documentation tags.
    expect(terminalText('<p>Deletes a task.</p> <note> <p>Runs stop first.</p> </note>')).toBe('Deletes a task.\n\nNote: Runs stop first.');
  });

  it('leaves Markdown, code spans and tag-like words alone', () => {
    const markdown = 'Use `details.id`, such as `<workspace_id>__<connector_id>`.\n\n- one\n- two';
    expect(terminalText(markdown)).toBe(markdown);
    expect(terminalText('A <b>bold</b> word and `<p>` in code')).toBe('A bold word and `<p>` in code');
    expect(terminalText('Values < 5 and <unknown> stay')).toBe('Values < 5 and <unknown> stay');
  });
});

describe('command help', () => {
  it('keeps fenced code and Markdown tables as written, and reflows the prose around them', () => {
    const table = loadTable();
    const cmd = { ...table.commands[0]!, summary: 'Search things', description: 'Search things\n\nReturns things, a long sentence that the help reflows to the width it is given, as prose is.\n\nExample response:\n\n```json\n{\n    "images": [\n        "caption"\n    ]\n}\n```\n| field | meaning |\n|-------|---------|\n| id    | the id  |\nAfter the table.' };
    const help = commandHelp(indexTable({ ...table, commands: [cmd] }), cmd, 60);
    expect(help).toContain('Returns things, a long sentence that the help reflows to the\nwidth it is given, as prose is.\n\nExample response:\n\n  {\n      "images": [\n          "caption"\n      ]\n  }\n\n| field | meaning |\n|-------|---------|\n| id    | the id  |\n\nAfter the table.');
    expect(help).not.toContain('```');
  });

  it('ends a flag description without a full stop before what follows it', () => {
    const table = loadTable();
    const base = table.commands[0]!;
    const flag = { ...base.flags[0]!, flag: 'kind', name: 'kind', type: 'string' as const, required: false, description: 'Automation type', choices: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
    const cmd = { ...base, flags: [flag] };
    expect(commandHelp(indexTable({ ...table, commands: [cmd] }), cmd, 100)).toMatch(/Automation type\. Choices: a, b, c, d, e, f, g\./);
  });
});
