import { renderTemplate, templateVariables } from './template';

describe('Task templates (C11)', () => {
  it('replaces [Variables], case-insensitively', () => {
    expect(renderTemplate('Call from [Number] to [agent]', { number: '+541155551234', Agent: 'Ana' })).toBe(
      'Call from +541155551234 to Ana',
    );
  });

  it('leaves unknown or empty variables visible', () => {
    expect(renderTemplate('[Number] / [Queue]', { Number: '1', Queue: null })).toBe('1 / [Queue]');
  });

  it('lists the variables a template uses', () => {
    expect(templateVariables('[A] [B] [A] [not a var]')).toEqual(['A', 'B']);
  });
});
