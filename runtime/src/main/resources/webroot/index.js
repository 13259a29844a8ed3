(async () => {
  const S = Stratagem;
  try {
    const [strategies, runs] = await Promise.all([S.get('/api/strategies'), S.get('/api/runs')]);
    document.querySelector('#strategies tbody').innerHTML = strategies.map(s => `
      <tr class="clickable" data-run="${S.esc(s.runId)}"><td>${S.esc(s.strategyId)}</td>
      <td>${S.badge(s.state)}${s.reason ? ` <span class="muted">${S.esc(s.reason)}</span>` : ''}</td><td>${S.esc(s.mode)}</td>
      <td class="mono">${S.esc(s.runId)}</td><td class="num">${s.lastSequence}</td><td class="num">${s.trades}</td>
      <td class="num">${S.num(s.capital)}</td><td class="num">${S.num(s.equity)}</td>
      <td class="num">${S.num(s.pnl)}</td></tr>`).join('');
    document.querySelector('#runs tbody').innerHTML = runs.map(r => `
      <tr class="clickable" data-run="${S.esc(r.runId)}"><td class="mono">${S.esc(r.runId)}</td><td>${S.esc(r.strategyId)}</td>
      <td>${S.esc(r.mode)}</td><td>${S.badge(r.status)}</td><td>${new Date(r.startedAt).toISOString().slice(0, 19).replace('T', ' ')}</td>
      <td class="num">${r.recordedCycles || ''}</td><td class="num">${r.trades}</td><td class="num">${S.num(r.finalEquity, 4)}</td>
      <td class="num">${typeof r.totalReturn === 'number' ? (r.totalReturn * 100).toFixed(2) + '%' : '-'}</td>
      <td class="num">${S.num(r.sharpe, 3)}</td></tr>`).join('');
    document.querySelectorAll('tr[data-run]').forEach(tr =>
      tr.addEventListener('click', () => location.href = 'run.html?run=' + encodeURIComponent(tr.dataset.run)));
  } catch (e) { S.message(document.getElementById('error'), e.message, 'error'); }
})();
