// A Teams-like light theme for Microsoft's Adaptive Cards renderer: Teams' font stack (Segoe UI first, then
// lookalikes, DejaVu Sans on a bare Debian machine), its sizes, its purple accent and the tinted container styles.
'use strict';

const foreground = (base, subtle) => ({ default: base, subtle });
const colors = {
  default: foreground('#242424', '#616161'),
  dark: foreground('#242424', '#616161'),
  light: foreground('#FFFFFF', '#F5F5F5'),
  accent: foreground('#4F52B2', '#6264A7'),
  good: foreground('#0E7A0B', '#237B4B'),
  warning: foreground('#835C00', '#8A6A00'),
  attention: foreground('#C4314B', '#A72037'),
};
const style = (backgroundColor) => ({ backgroundColor, foregroundColors: colors });

module.exports = {
  hostCapabilities: {},
  supportsInteractivity: true,
  fontFamily: '"Segoe UI", "Segoe UI Web (West European)", Selawik, "Helvetica Neue", "Open Sans", "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif',
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  lineHeights: { small: 16, default: 20, medium: 22, large: 28, extraLarge: 32 },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: style('#FFFFFF'),
    emphasis: style('#F5F5F5'),
    accent: style('#E8EBFA'),
    good: style('#E9F5E8'),
    attention: style('#FCF4F6'),
    warning: style('#FBF6D9'),
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  adaptiveCard: { allowCustomStyle: true },
  inputs: {
    label: {
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { color: 'attention', size: 'small' },
  },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: true, weight: 'default', wrap: true, maxWidth: 170 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 16,
  },
  textStyles: {
    heading: { size: 'large', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
    columnHeader: { size: 'default', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
  },
};
