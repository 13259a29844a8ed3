// RSI mean reversion: buy when RSI drops below "oversold", close when it rises above "exit".
let rsi, oversold, exit, quantity;

function init(api) {
  rsi = api.feature("rsi_" + api.param("period"));
  oversold = api.param("oversold");
  exit = api.param("exit");
  quantity = api.param("quantity");
}

function compose(f, api) {
  const r = f[rsi];
  if (Number.isNaN(r)) return "warming up";
  if (api.position === 0 && r < oversold) { api.buy(quantity); return "RSI " + r.toFixed(2) + " oversold: buy"; }
  if (api.position > 0 && r > exit) { api.close(); return "RSI " + r.toFixed(2) + " recovered: close"; }
  return "RSI " + r.toFixed(2) + ": wait";
}
