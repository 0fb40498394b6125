// Teams' chart elements (Chart.Line, ...) are not part of the adaptivecards SDK, so its parser calls them unknown.
// We register a minimal element per chart type in a registry used only for the "Teams desktop" pass: the parser then
// parses the chart's common element properties (id, spacing, separator, fallback, ...) like any other element, and
// validate.js checks the chart's own shape (title, data series, colours) itself against the Teams documentation.
'use strict';

const CHART_TYPES = [
  'Chart.Line', 'Chart.Donut', 'Chart.Pie', 'Chart.Gauge', 'Chart.VerticalBar', 'Chart.VerticalBar.Grouped',
  'Chart.HorizontalBar', 'Chart.HorizontalBar.Stacked',
];

function teamsElementRegistry(AC) {
  const registry = new AC.CardObjectRegistry();
  AC.GlobalRegistry.populateWithDefaultElements(registry);
  for (const typeName of CHART_TYPES) {
    const ChartElement = class extends AC.CardElement {
      getJsonTypeName() { return typeName; }
      internalRender() {
        const placeholder = document.createElement('div');
        placeholder.textContent = typeName;
        return placeholder;
      }
    };
    registry.register(typeName, ChartElement, AC.Versions.v1_5);
  }
  return registry;
}

module.exports = { CHART_TYPES, teamsElementRegistry };
