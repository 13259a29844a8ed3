(async () => {
  const S = Stratagem;
  const id = S.param('id');
  document.getElementById('compose-id').textContent = id;
  let c;
  try { c = await S.get('/api/cycles/' + encodeURIComponent(id)); }
  catch (e) { S.message(document.getElementById('error'), e.message, 'error'); return; }
  const none = n => `<tr><td colspan="${n}" class="muted">none</td></tr>`;
  const fill = (sel, rows, n) => document.querySelector(sel + ' tbody').innerHTML = rows.length ? rows.join('') : none(n);
  document.getElementById('cycle-status').innerHTML = S.badge(c.status);
  document.getElementById('cycle-summary').innerHTML = [
    ['strategy', c.strategyId], ['run', `<a href="run.html?run=${encodeURIComponent(c.runId)}">${S.esc(c.runId)}</a>`],
    ['cycle #', c.sequence], ['bar', S.time(c.ts)], ['status', c.status],
    ['closed trades', (c.closedTrades || []).map(t => `${t.symbol} ${t.quantity} PnL ${S.num(t.realizedPnl)}`).join('; ') || 'none']]
    .map(([k, v]) => `<dt>${k}</dt><dd>${k === 'run' ? v : S.esc(v)}</dd>`).join('');
  if (c.error) {
    document.getElementById('cycle-error').innerHTML = `<div class="msg error" id="error-detail">failed in <b>${S.esc(c.error.step)}</b>: ${S.esc(c.error.reason)} <span class="mono">${S.esc(c.error.exceptionType)}</span></div>`;
  }
  const ctx = c.context;
  fill('#features', ctx ? ctx.features.flatMap(f => f.names.map((n, i) =>
    `<tr><td>${S.esc(f.symbol)}</td><td>${S.esc(n)}</td><td class="num">${S.num(f.values[i], 4)}</td></tr>`)) : [], 3);
  document.getElementById('digest').innerHTML = ctx
    ? `${ctx.digest.entries.length} recent trades in the digest, Sharpe ${S.num(ctx.digest.sharpe, 4)}` : '<span class="muted">not built</span>';
  fill('#versions', c.versions.map(v => `<tr><td>${S.esc(v.role)}</td><td>${S.esc(v.componentId)}</td><td>${S.esc(v.source)}</td>
    <td>${S.esc(v.version)}</td><td class="mono">${S.esc(v.sha256)}</td></tr>`), 5);
  document.getElementById('rationale').innerHTML = c.decision
    ? `<b>why:</b> <span id="rationale-text">${S.esc(c.decision.rationale) || '<span class="muted">(no rationale)</span>'}</span>`
    : '<span class="muted">the composer did not run</span>';
  fill('#instructions', c.decision ? c.decision.instructions.map(i => `<tr><td class="mono">${S.esc(i.id)}</td><td>${S.esc(i.side)}</td>
    <td class="num">${i.quantity}</td><td>${S.esc(i.type)}</td><td class="num">${S.num(i.limitPrice, 4)}</td></tr>`) : [], 5);
  fill('#verdicts', c.verdicts.map(v => `<tr class="verdict"><td class="mono">${S.esc(v.instructionId)}</td><td>${S.esc(v.check)}</td>
    <td>${S.badge(v.outcome)}</td><td class="num">${v.quantityBefore}</td><td class="num">${v.quantityAfter}</td><td>${S.esc(v.reason)}</td></tr>`), 6);
  fill('#executions', c.txResults.map(t => `<tr><td class="mono">${S.esc(t.instructionId)}</td><td>${S.badge(t.status)}</td><td>${S.esc(t.side)}</td>
    <td class="num">${t.filledQuantity}</td><td class="num">${S.num(t.fillPrice, 4)}</td><td class="num">${S.num(t.fee, 4)}</td>
    <td>${S.time(t.ts)}</td><td>${S.esc(t.reason)}</td></tr>`), 8);
  const before = ctx ? ctx.portfolio : null, after = c.portfolioAfter;
  const fields = [['cash', 'cash'], ['equity', 'equity'], ['gross exposure', 'grossExposure'], ['net exposure', 'netExposure'],
    ['realized PnL', 'realizedPnl'], ['fees', 'fees']];
  const rows = fields.map(([label, k]) => {
    const b = before ? before[k] : null, a = after ? after[k] : null;
    const d = typeof a === 'number' && typeof b === 'number' ? a - b : null;
    return `<tr><td>${label}</td><td class="num">${S.num(b)}</td><td class="num">${S.num(a)}</td><td class="num">${d ? S.num(d) : ''}</td></tr>`;
  });
  const qty = (p, s) => p ? (p.positions.find(x => x.symbol === s) || { quantity: 0 }).quantity : null;
  const symbols = [...new Set([...(before ? before.positions : []), ...(after ? after.positions : [])].map(p => p.symbol))];
  symbols.forEach(s => rows.push(`<tr><td>position ${S.esc(s)}</td><td class="num">${qty(before, s)}</td><td class="num">${qty(after, s)}</td>
    <td class="num">${(qty(after, s) ?? 0) - (qty(before, s) ?? 0) || ''}</td></tr>`));
  fill('#portfolio', rows, 4);
  const steps = ['portfolio', 'market data', 'features', 'context', 'decision', 'guardrails', 'execution', 'portfolio update', 'history', 'digest'];
  const nanos = c.timings.nanos, max = Math.max(1, ...nanos);
  if (nanos.every(n => n === 0)) {   // a backtest times one cycle in 64
    document.getElementById('timings').innerHTML = '<div class="muted">not timed: a backtest times one cycle in 64 (1, 65, 129, ...); paper and live time every cycle</div>';
    return;
  }
  document.getElementById('timings').innerHTML = steps.map((s, i) => `<div class="timing"><span style="width:130px">${s}</span>
    <span class="bar" style="width:${Math.round(300 * nanos[i] / max)}px"></span><span class="mono">${(nanos[i] / 1000).toFixed(1)} µs</span></div>`).join('')
    + `<div class="muted">total ${(nanos.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} µs</div>`;
})();
