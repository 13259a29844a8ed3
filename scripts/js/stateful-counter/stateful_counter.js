// Keeps its own state across cycles (the bars it has seen) and hands it over to the next version on reload:
// save() returns it as a string, the next version's init() reads it from api.state.
let bars = 0;
let every, quantity;

function init(api) {
  every = api.param("every");
  quantity = api.param("quantity");
  bars = api.state === null ? 0 : JSON.parse(api.state).bars;
}

function compose(f, api) {
  bars += 1;
  if (bars % every !== 0) return "bar " + bars;
  if (api.position === 0) { api.buy(quantity); return "bar " + bars + ": buy"; }
  api.close();
  return "bar " + bars + ": close";
}

function save() {
  return JSON.stringify({ bars: bars });
}
