/**
 * Tag colours in solid, dark shades: white text on them passes WCAG AA contrast (antd's light presets do not, for
 * orange and gold). Red: overdue or published; orange: due soon or disputed; gold: repairable; blue: in hand.
 */
export const TAG_COLOURS = {
  red: '#a8071a',
  gold: '#874d00',
  orange: '#ad4e00',
  blue: '#0958d9',
  green: '#237804',
  grey: '#434343',
} as const;
