// Donchian breakout: buy when the close breaks above the highest high of the last "entry" bars (this bar
// excluded), close when it breaks below the lowest low of the last "exit" bars.
let close, high, low, quantity;

function init(api) {
  close = api.feature("close");
  high = api.feature("donchian_high_" + api.param("entry"));
  low = api.feature("donchian_low_" + api.param("exit"));
  quantity = api.param("quantity");
}

function compose(f, api) {
  const c = f[close], h = f[high], l = f[low];
  if (Number.isNaN(h) || Number.isNaN(l)) return "warming up";
  if (api.position === 0 && c > h) { api.buy(quantity); return "breakout above " + h + ": buy"; }
  if (api.position > 0 && c < l) { api.close(); return "breakdown below " + l + ": close"; }
  return "inside the channel";
}
