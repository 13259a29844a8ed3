// SMA crossover, the same rule as the Java sma-crossover plugin: with diff = fast - slow, a cross above is
// a previous diff <= 0 and this diff > 0; a cross below is a previous diff >= 0 and this diff < 0.
let fast, slow, quantity, allowShort;
let previous = {}; // symbol -> diff of the last bar where both averages were defined

function init(api) {
  fast = api.feature("sma_" + api.param("fast"));
  slow = api.feature("sma_" + api.param("slow"));
  quantity = api.param("quantity");
  allowShort = api.param("allowShort");
  previous = {};
}

function compose(f, api) {
  const a = f[fast], b = f[slow];
  if (Number.isNaN(a) || Number.isNaN(b)) return "warming up";
  const diff = a - b;
  const before = previous[api.symbol];
  previous[api.symbol] = diff;
  if (before === undefined) return "first bar with both averages, no cross yet";
  if (before <= 0 && diff > 0) {
    const position = api.position; // read only on a cross: each read crosses into the host
    if (position === 0) { api.buy(quantity); return "crossed above: buy"; }
    if (position < 0 && allowShort) { api.close(); return "crossed above: close short"; }
    return "crossed above: hold";
  }
  if (before >= 0 && diff < 0) {
    const position = api.position;
    if (position > 0) { api.close(); return "crossed below: close long"; }
    if (position === 0 && allowShort) { api.sell(quantity); return "crossed below: sell short"; }
    return "crossed below: stay";
  }
  return "no cross";
}
