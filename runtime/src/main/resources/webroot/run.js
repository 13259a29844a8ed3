(async () => {
  const S = Stratagem;
  const runId = S.param('run');
  document.getElementById('run-id').textContent = runId;
  const err = document.getElementById('error');
  let run;
  try { run = await S.get('/api/runs/' + encodeURIComponent(runId)); }
  catch (e) { S.message(err, e.message, 'error'); return; }
  const summary = { strategy: run.strategyId, mode: run.mode, status: run.status, started: S.time(run.startedAt),
    cycles: run.recordedCycles, trades: run.trades, 'final equity': run.finalEquity ?? '-',
    return: typeof run.totalReturn === 'number' ? (run.totalReturn * 100).toFixed(4) + '%' : '-',
    'max drawdown': typeof run.maxDrawdown === 'number' ? (run.maxDrawdown * 100).toFixed(4) + '%' : '-',
    Sharpe: S.num(run.sharpe, 4), data: run.dataSource, 'result digest': run.resultDigest || '-' };
  document.getElementById('run-summary').innerHTML = Object.entries(summary)
    .map(([k, v]) => `<dt>${S.esc(k)}</dt><dd id="summary-${k.replace(/ /g, '-')}">${S.esc(v)}</dd>`).join('');

  document.querySelectorAll('#controls button').forEach(b => b.addEventListener('click', async () => {
    const msg = document.getElementById('control-msg');
    try {
      const s = await S.request('POST', `/api/strategies/${encodeURIComponent(run.strategyId)}/${b.dataset.cmd}`);
      S.message(msg, `${s.strategyId} is ${s.state}`, 'ok');
    } catch (e) { S.message(msg, e.message, 'error'); }
  }));

  const [equity, prices, trades] = await Promise.all([
    S.get(`/api/runs/${encodeURIComponent(runId)}/equity?points=600`),
    S.get(`/api/runs/${encodeURIComponent(runId)}/prices?points=600`),
    S.get(`/api/runs/${encodeURIComponent(runId)}/trades`)]);
  const opts = { animation: false, maintainAspectRatio: false, parsing: false, normalized: true,
    scales: { x: { type: 'linear', bounds: 'data', ticks: { callback: v => S.time(v).slice(0, 10), maxTicksLimit: 6 } } },
    plugins: { legend: { display: true }, tooltip: { callbacks: { title: i => S.time(i[0].parsed.x) } } } };
  new Chart(document.getElementById('equity-chart'), { type: 'line', options: opts, data: { datasets: [
    { label: 'equity', data: equity.map(p => ({ x: p.ts, y: p.value })), borderColor: '#1d4ed8', pointRadius: 0, borderWidth: 1.5 }] } });
  // Candles from Chart.js's floating bars: a thin [low, high] bar is the wick, a wide [open, close] bar the body.
  const markers = [
    { label: 'entry', type: 'scatter', data: trades.map(t => ({ x: t.entryTs, y: t.entryPrice })), backgroundColor: '#16a34a', pointStyle: 'triangle', pointRadius: 6 },
    { label: 'exit', type: 'scatter', data: trades.filter(t => t.exitTs).map(t => ({ x: t.exitTs, y: t.exitPrice })), backgroundColor: '#dc2626', pointStyle: 'rectRot', pointRadius: 5 }];
  const priceCanvas = document.getElementById('price-chart');
  const points = prices.points;
  let priceDatasets;
  if (prices.candles) {
    const color = c => c.close >= c.open ? '#16a34a' : '#dc2626';
    const bar = { type: 'bar', grouped: false, parsing: true, categoryPercentage: 1, minBarLength: 1,
      backgroundColor: ctx => color(points[ctx.dataIndex]) };
    priceDatasets = [
      { ...bar, label: 'wicks', data: points.map(c => ({ x: c.ts, y: [c.low, c.high] })), barThickness: 1 },
      { ...bar, label: 'candles', data: points.map(c => ({ x: c.ts, y: [Math.min(c.open, c.close), Math.max(c.open, c.close)] })), barPercentage: 0.8 },
      ...markers];
    document.getElementById('price-title').textContent = `Candles and trades (${prices.symbol})`;
  } else {
    priceDatasets = [{ label: prices.feature, type: 'line', data: points.map(p => ({ x: p.ts, y: p.value })), borderColor: '#475569', pointRadius: 0, borderWidth: 1 }, ...markers];
    document.getElementById('price-note').textContent = `Line, not candles: ${prices.note}.`;
  }
  const ohlc = i => { const c = points[i.dataIndex]; return `open ${c.open} high ${c.high} low ${c.low} close ${c.close}`; };
  new Chart(priceCanvas, { type: 'line', data: { datasets: priceDatasets }, options: { ...opts, plugins: { ...opts.plugins,
    legend: { display: true, labels: { filter: l => l.text !== 'wicks' } },
    tooltip: { callbacks: { ...opts.plugins.tooltip.callbacks, label: i => i.dataset.type === 'bar' ? ohlc(i) : `${i.dataset.label} ${i.parsed.y}` } } } } });
  priceCanvas.dataset.chart = prices.candles ? 'candles' : 'line';
  priceCanvas.dataset.points = String(points.length);
  priceCanvas.dataset.markers = String(markers.reduce((n, d) => n + d.data.length, 0));
  const tbody = document.querySelector('#cycles tbody');
  const row = c => `<tr class="clickable" data-id="${S.esc(c.composeId)}"><td>${c.sequence}</td><td>${S.time(c.ts)}</td>
    <td>${S.badge(c.status)}</td><td>${S.esc(c.rationale)}</td><td>${S.esc(c.errorStep)}</td>
    <td class="num">${c.totalNanos ? (c.totalNanos / 1000).toFixed(0) : '-'}</td><td class="mono">${S.esc(c.composeId)}</td></tr>`;
  tbody.addEventListener('click', e => {
    const tr = e.target.closest('tr[data-id]');
    if (tr) location.href = 'cycle.html?id=' + encodeURIComponent(tr.dataset.id);
  });
  const form = document.getElementById('filters');
  let next = null;
  async function load(after) {
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
    if (after) q.set('after', after);
    try {
      const page = await S.get(`/api/runs/${encodeURIComponent(runId)}/cycles?${q}`);
      err.innerHTML = '';
      tbody.innerHTML = page.items.map(row).join('') || '<tr><td colspan="7" class="muted">no cycles match</td></tr>';
      next = page.nextAfter;
      document.getElementById('next-page').disabled = next === null;
    } catch (e) { S.message(err, e.message, 'error'); }
  }
  form.addEventListener('submit', e => { e.preventDefault(); load(null); });
  document.getElementById('next-page').addEventListener('click', () => next !== null && load(next));
  for (const k of ['status', 'q', 'from', 'to', 'component']) if (S.param(k)) form.elements[k].value = S.param(k);
  await load(null);

  // Live: new cycles arrive over SSE and go on top of the list.
  let arrived = 0;
  const live = new EventSource(`/api/runs/${encodeURIComponent(runId)}/live`);
  live.onopen = () => document.getElementById('live-dot').classList.add('on');
  live.onerror = () => document.getElementById('live-dot').classList.remove('on');
  live.addEventListener('cycle', e => {
    const c = JSON.parse(e.data);
    tbody.insertAdjacentHTML('afterbegin', row(c).replace('<tr ', '<tr data-live="1" '));
    document.getElementById('live-count').textContent = `(${++arrived} live)`;
  });
})();
