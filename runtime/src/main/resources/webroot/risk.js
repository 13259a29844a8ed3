(async () => {
  const S = Stratagem;
  const tokenInput = document.getElementById('token');
  tokenInput.value = sessionStorage.getItem(S.TOKEN_KEY) || '';
  let engaged = false;
  function show(k) {
    engaged = k.engaged;
    document.getElementById('kill-state').innerHTML = S.badge(k.engaged ? 'ENGAGED' : 'RELEASED').replace('badge ENGAGED', 'badge FAILED');
    document.getElementById('kill-state').dataset.engaged = String(k.engaged);
    document.getElementById('kill-detail').textContent = k.changedAt ? `since ${new Date(k.changedAt).toISOString()} by ${k.changedBy}${k.reason ? ': ' + k.reason : ''}` : '';
    document.getElementById('kill-toggle').textContent = k.engaged ? 'Release kill switch' : 'Engage kill switch';
  }
  const risk = await S.get('/api/risk');
  show(risk.killSwitch);
  document.querySelector('#limits tbody').innerHTML = risk.strategies.map(s => `<tr><td>${S.esc(s.strategyId)}</td><td>${S.badge(s.state)}</td>
    <td class="mono">${S.esc(s.runId)}</td><td class="mono">${S.esc(JSON.stringify(s.constraints))}</td></tr>`).join('');
  document.getElementById('kill-form').addEventListener('submit', async e => {
    e.preventDefault();
    sessionStorage.setItem(S.TOKEN_KEY, tokenInput.value.trim());
    const msg = document.getElementById('kill-msg');
    try {
      const k = await S.request('PUT', '/api/risk/kill-switch', { engaged: !engaged, reason: document.getElementById('kill-reason').value });
      show(k);
      S.message(msg, k.engaged ? 'kill switch engaged' : 'kill switch released', 'ok');
    } catch (err) { S.message(msg, `refused (${err.status}): ${err.message}`, 'error'); }
  });
})();
